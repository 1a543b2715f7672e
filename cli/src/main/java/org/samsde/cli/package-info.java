/**
 * The {@code samsde} command line (picocli): option parsing, input checks with one-line errors
 * and exit code 2, and output files written atomically. Commands call the library; no numerical
 * code lives here.
 */
package org.samsde.cli;
