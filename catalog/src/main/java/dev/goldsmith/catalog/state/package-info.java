/**
 * The catalog's state: each image's versions with their lifecycle histories and the channels pointing at them, as
 * {@code catalog/<image>.json} records it in Git.
 */
package dev.goldsmith.catalog.state;
