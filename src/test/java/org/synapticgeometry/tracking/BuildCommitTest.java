package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The commit Maven bakes into sgeo-version.properties, and the order in which tracking picks a commit. */
class BuildCommitTest {
    @Test
    void theBuildRecordsTheCheckedOutCommit() throws Exception {
        assumeTrue(Files.exists(Path.of(".git")), "built outside a git checkout");
        String head = git("rev-parse", "HEAD");
        String built = builtCommit();
        assertThat(built).matches("[0-9a-f]{40}(-dirty)?");
        assertThat(built.replace("-dirty", "")).isEqualTo(head);
    }

    @Test
    void trackingUsesTheBuiltCommitUnlessTheEnvironmentNamesOne() throws Exception {
        assertThat(Provenance.gitCommit(Map.of())).isEqualTo(builtCommit());
        assertThat(Provenance.gitCommit(Map.of(TrackingKeys.ENV_GIT_COMMIT, " abc123 "))).isEqualTo("abc123");
    }

    private static String builtCommit() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/sgeo-version.properties")) {
            p.load(in);
        }
        return p.getProperty("git.commit");
    }

    private static String git(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as("git exit code").isZero();
        return out;
    }
}
