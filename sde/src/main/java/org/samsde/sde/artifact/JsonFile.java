package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.AtomicFiles;

/** The JSON artifacts ({@code run.json}, {@code config.json}, {@code trace.json}): indented, written atomically. */
public final class JsonFile {
    private JsonFile() {
    }

    /**
     * @param file the file, written atomically
     * @param content maps, lists, strings, numbers, booleans, nulls; not modified
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, Object content) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] bytes = mapper.writeValueAsBytes(content);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * @param file the file
     * @return its document
     * @throws InvalidInputException naming the file when it is missing or not valid JSON
     */
    public static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": file not found");
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            return root == null ? new ObjectMapper().createObjectNode() : root;
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(file + ": not valid JSON (" + m + ")", e);
        }
    }

    /**
     * @param file the file
     * @return its document, or an empty object when the file is absent
     * @throws InvalidInputException naming the file when it is present but not valid JSON
     */
    public static JsonNode readIfPresent(Path file) {
        return Files.isRegularFile(file) ? read(file) : new ObjectMapper().createObjectNode();
    }
}
