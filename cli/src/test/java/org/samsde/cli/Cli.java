package org.samsde.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process for tests and captures what it prints. */
final class Cli {
    private Cli() {
    }

    /**
     * @param code the exit code
     * @param out standard output
     * @param err standard error
     */
    record Run(int code, String out, String err) {
    }

    /**
     * @param args the arguments
     * @return the exit code and the output
     */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
