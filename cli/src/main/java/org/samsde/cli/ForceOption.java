package org.samsde.cli;

import java.nio.file.Path;

import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.run.RunDirectory;

import picocli.CommandLine.Option;

/** {@code --force} of a study or tool that writes a run directory, and the claim of that directory. */
final class ForceOption {
    @Option(names = "--force", description = "Replace a run already in --out (only the files runs write are removed).")
    boolean force;

    /**
     * Refuses an occupied --out up front (one line, exit 2) unless --force, creating nothing: a
     * study checks this before it computes, and claims the directory when it has something to write.
     *
     * @param out the directory
     */
    void checkVacant(Path out) {
        try {
            RunDirectory.checkVacant(out, force ? RunDirectory.Claim.REPLACE : RunDirectory.Claim.NEW);
        } catch (RunDirectory.Occupied e) {
            throw EnsembleRun.refusal(out, e); // the same one line as a run's refusal
        }
    }

    /**
     * Claims --out: a directory that holds another run is refused (one line, exit 2) unless --force.
     *
     * @param out the directory
     * @param info the provenance, recorded as run.json (status running) at once
     * @return the directory
     */
    RunDirectory claim(Path out, RunInfo info) {
        return EnsembleRun.claim(out, force ? RunDirectory.Claim.REPLACE : RunDirectory.Claim.NEW, info);
    }
}
