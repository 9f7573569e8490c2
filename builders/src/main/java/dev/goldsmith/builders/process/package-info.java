/** Running external programs from argument lists, with results that carry exit code, output and duration. */
package dev.goldsmith.builders.process;
