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
