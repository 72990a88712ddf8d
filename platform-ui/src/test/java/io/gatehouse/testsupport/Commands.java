package io.gatehouse.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs a local program the way a person would paste a snippet into a shell. */
public final class Commands {
    private Commands() {
    }

    /** The program's output (stdout and stderr, stripped), or "not runnable: …" when it cannot start. */
    public static String run(String... command) throws InterruptedException, IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return "not runnable: " + e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        return output;
    }
}
