/**
 * Audit questions answered from the catalog's Git history alone: what happened to one image ({@link
 * dev.goldsmith.catalog.audit.ImageAudit}) and where one CVE was fixed ({@link dev.goldsmith.catalog.audit.CveAudit}).
 * Only commits and their trailers are read, so a plain clone of the repository answers the same.
 */
package dev.goldsmith.catalog.audit;
