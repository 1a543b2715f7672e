package org.samsde.plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.samsde.sde.run.RunDirectory;

/**
 * The figures of a run directory, drawn for {@link RunDirectory} (found through
 * {@link java.util.ServiceLoader}): the kind is a {@link FigureKind}'s name in any case.
 */
public final class RunFigures implements RunDirectory.FigureDrawer {
    /** For {@link java.util.ServiceLoader}. */
    public RunFigures() {
    }

    @Override
    public List<Path> draw(Path dir, String kind, String name) throws IOException {
        return Figures.write(dir, FigureKind.valueOf(kind.toUpperCase(Locale.ROOT)), name);
    }
}
