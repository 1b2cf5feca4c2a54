package org.synapticgeometry.regress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.files.Json;
import org.synapticgeometry.stats.Scopes;
import org.synapticgeometry.testing.Cli;

/**
 * {@code sgeo regress check|update} on a real smoke reproduction (resources {@code smoke-s12}: seeds 1-2 of
 * mlp-16 and linreg seed 0, trimmed by {@code trim_smoke.py}) and on copies of it with numbers edited to
 * make a regression on purpose.
 */
class RegressCommandTest {
    static final Path FIXTURES = Path.of("src/test/resources/org/synapticgeometry/regress");

    @TempDir
    Path dir;
    Path results;
    Path baseline;

    @BeforeEach
    void baselineOfTheSmoke() {
        results = copy(FIXTURES.resolve("smoke-s12"), dir.resolve("results"));
        baseline = dir.resolve("baseline.json");
        Cli u = Cli.run("regress", "update", "--results", results.toString(), "--out", baseline.toString());
        assertThat(u.code()).as(u.err()).isZero();
    }

    @Test
    void theBaselineHoldsEveryCellWithItsSpreadAndProvenance() {
        JsonNode b = Json.readTree(baseline, "baseline");
        assertThat(b.path("format").asText()).isEqualTo(Baseline.FORMAT);
        assertThat(b.path("experiment").asText()).isEqualTo("sgeo-smoke");
        assertThat(b.path("provenance").path("commit").asText()).isEqualTo("107c0a4b62841bad1f9191b0f5b0f1c201426d30");
        assertThat(b.path("provenance").path("build").asText()).hasSize(16);
        assertThat(b.path("provenance").path("params_digest").asText()).hasSize(16);
        assertThat(b.path("params").path("finetune-per-map.lr_grid").asText()).isEqualTo("[0.001, 0.003]");
        // 3 potentials x (linear: 3 sizes, mlp-16: 1) x 5 candidates; identification 2 architectures x 3 x 2
        // scopes; 3 accuracies
        assertThat(b.path("figures")).hasSize(60 + 12 + 3);
        JsonNode id = figure(b, "identification linear trained=3-norm scope=pooled").path("band");
        assertThat(id.path("correct").asInt()).isEqualTo(23);
        assertThat(id.path("seeds").asInt()).isEqualTo(30);
        assertThat(id.path("min_correct").asInt()).isEqualTo(18);
        // both negative-entropy seeds reached 0.7605177993527508 (train.json): sd 0, so the band takes the
        // root-mean-square sd of the three accuracies (2 seeds each, from their train.json)
        JsonNode acc = figure(b, "test_accuracy mlp-16 trained=negative_entropy").path("band");
        assertThat(acc.path("sd").asDouble()).isZero();
        double ss = 0;
        for (String p : List.of("2-norm", "3-norm", "negative_entropy")) {
            double x = accuracy("deep/mlp-16-" + p + "-s1");
            double y = accuracy("deep/mlp-16-" + p + "-s2");
            ss += (x - y) * (x - y) / 2;
        }
        double pooled = Math.sqrt(ss / 3);
        assertThat(pooled).isGreaterThan(0.005);
        assertThat(acc.path("pooled_sd").asDouble()).isCloseTo(pooled, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(acc.path("high").asDouble() - acc.path("mean").asDouble())
                .isCloseTo(4 * pooled + 0.01, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void theUnchangedReproductionPassesWithEveryFigureUnchanged() {
        Path md = dir.resolve("report.md");
        Path json = dir.resolve("report.json");
        Cli r = check("--report", md.toString(), "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("### sgeo regress check: passed, all 75 figures inside their bands")
                .contains("75 figure(s) unchanged");
        assertThat(read(md)).isEqualTo(r.out());
        JsonNode j = Json.readTree(json, "report");
        assertThat(j.path("status").asText()).isEqualTo("passed");
        assertThat(j.path("unchanged").asInt()).isEqualTo(75);
    }

    @Test
    void theSmokeRerunWithEveryOtherSeedStaysInsideTheBandsOfTwoSeedFigures() {
        // resources smoke-s34: the same smoke with fine-tuning seeds 3-4 and linreg seed 100. With its own
        // 2-seed sd alone, mlp-16 3-norm's ΔCDF in the 2.5-norm (sd 0.0007) and 3-norm (sd 0.0019) left
        // their bands (+0.0138 and +0.0176); the pooled sd keeps them inside.
        Cli r = Cli.run("regress", "check", "--baseline", baseline.toString(), "--results",
                FIXTURES.resolve("smoke-s34").toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("| `finetune-per-map.seed` | `1,2` | `3,4` |", "| `linreg.seed` | `0` | `100` |");
        JsonNode b = Json.readTree(baseline, "baseline");
        for (String c : List.of("2.5-norm", "3-norm")) {
            JsonNode band = figure(b, "delta_cdf mlp-16 n=12544 trained=3-norm candidate=" + c).path("band");
            assertThat(band.path("sd").asDouble()).isLessThan(0.002);
            assertThat(band.path("pooled_sd").asDouble()).isGreaterThan(0.01);
        }
    }

    @Test
    void negativeEntropyRunsScoredInABrokenDualSpaceFailAndAreNamedFirst() {
        // what a broken negative-entropy dual map does to the smoke: its own-geometry ΔCDF triples and the
        // runs are identified as the 1.5-norm
        edit(results.resolve("deep/scores/scores.csv"), text -> text.lines().map(l -> {
            String[] f = l.split(",", -1);
            if (f[1].equals("negative_entropy") && f[5].equals("negative_entropy")) {
                f[8] = Double.toString(3 * Double.parseDouble(f[8]));
            }
            return String.join(",", f);
        }).reduce("", (a, b) -> a + b + "\n"));
        editJson(results.resolve("deep/scores/identification.json"), root -> {
            root.path("runs").forEach(r -> {
                if (r.path("trained_potential").asText().equals("negative_entropy")) {
                    ((ObjectNode) r).put("identified", "1.5-norm");
                }
            });
            return root;
        });
        Path json = dir.resolve("report.json");
        Cli r = check("--json", json.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).startsWith("### sgeo regress check: FAILED, 3 of 75 figures outside their bands");
        JsonNode v = Json.readTree(json, "report").path("verdicts");
        List<String> outside = names(v, false);
        assertThat(outside).containsExactlyInAnyOrder(
                "identification mlp-16 trained=negative_entropy scope=pooled",
                "identification mlp-16 trained=negative_entropy scope=standardized",
                "delta_cdf mlp-16 n=12544 trained=negative_entropy candidate=negative_entropy");
        assertThat(v.get(0).path("inside").asBoolean()).isFalse();
        String row = r.out().lines().filter(l -> l.startsWith("| identification mlp-16 trained=negative_entropy scope=pooled"))
                .findFirst().orElseThrow();
        assertThat(row).contains("| ≥ 2/2 |").contains("| 2/2 |").contains("| 0/2 |").contains("| -2 |")
                .endsWith("| identified as 1.5-norm ×2 |");
        assertThat(r.lastErrorLine()).startsWith("sgeo regress check: FAILED: 3 of 75 figures outside their bands");
    }

    @Test
    void aLearningRateTimesTenThatCostsAccuracyFailsAndShowsTheParamThatDiffers() {
        try (Stream<Path> s = Files.walk(results)) {
            s.filter(p -> p.getFileName().toString().equals("train.json")).forEach(t -> editJson(t, root -> {
                ((ObjectNode) root).put("test_accuracy_after", root.path("test_accuracy_after").asDouble() - 0.1);
                return root;
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> s = Files.walk(results)) {
            s.filter(p -> p.toString().endsWith("finetuned/run.json")).forEach(t -> editJson(t, root -> {
                ((ObjectNode) root.path("params")).put("lr_grid", "[0.01, 0.03]");
                return root;
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Cli r = check();
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("| test_accuracy mlp-16 trained=2-norm |", "| test_accuracy mlp-16 trained=3-norm |",
                "| test_accuracy mlp-16 trained=negative_entropy |", "| `finetune-per-map.lr_grid` | `[0.001, 0.003]` | `[0.01, 0.03]` |");
        assertThat(r.out()).contains("FAILED, 3 of 75 figures");
    }

    @Test
    void aFigureThatMovesInsideItsBandPassesAndIsListed() {
        editJson(results.resolve("deep/mlp-16-2-norm-s1/finetuned/train.json"), root -> {
            ((ObjectNode) root).put("test_accuracy_after", root.path("test_accuracy_after").asDouble() + 0.004);
            return root;
        });
        Cli r = check();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 figure(s) moved inside their bands", "| test_accuracy mlp-16 trained=2-norm |",
                "| +0.0020 |", "74 figure(s) unchanged");
    }

    @Test
    void aRunWhoseScoreIsNotFiniteFailsWithTheCountNamed() {
        edit(results.resolve("deep/scores/scores.csv"), text -> text.replaceFirst(
                "(mlp-16-3-norm-s1,3-norm,mlp-16,1,pooled,2-norm,\\d+,\\d+,)[^,]+", "$1NaN"));
        Cli r = check();
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        String first = r.out().lines().filter(l -> l.startsWith("| delta_cdf")).findFirst().orElseThrow();
        assertThat(first).startsWith("| delta_cdf mlp-16 n=12544 trained=3-norm candidate=2-norm |")
                .contains("| NaN |", "| ∞ |", "1 of 2 runs not finite");
    }

    @Test
    void runsTheScoreStageFailedCountAsMovedNotAsMissing() {
        editJson(results.resolve("deep/scores/identification.json"), root -> {
            ArrayNodes.removeIf(root.path("runs"), r -> r.path("run_id").asText().equals("mlp-16-2-norm-s2"));
            ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("failed")).addObject()
                    .put("run_id", "mlp-16-2-norm-s2").put("trained_potential", "2-norm").put("architecture", "mlp-16")
                    .put("reason", "every weight change is NaN");
            return root;
        });
        edit(results.resolve("deep/scores/scores.csv"), text -> text.lines()
                .filter(l -> !l.startsWith("mlp-16-2-norm-s2,")).reduce("", (a, b) -> a + b + "\n"));
        Cli r = check();
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("| identification mlp-16 trained=2-norm scope=pooled | ≥ 2/2 | 2/2 | 1/2 |")
                .contains("1 run(s) failed to score (mlp-16-2-norm-s2: every weight change is NaN)");
    }

    @Test
    void aBaselineOfAnotherExperimentIsBadInputNamingBoth() {
        editJson(baseline, root -> ((ObjectNode) root).put("experiment", "sgeo-paper"));
        Cli r = check();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).startsWith("sgeo regress check: --baseline " + baseline
                + " is of experiment 'sgeo-paper', --results " + results + " of 'sgeo-smoke'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void resultsMissingACellAreBadInputNamingTheCell() throws IOException {
        Files.delete(results.resolve("deep/mlp-16-3-norm-s2/finetuned/train.json"));
        Cli r = check();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).contains("do not match --baseline", "in 1 figure(s): test_accuracy mlp-16"
                + " trained=3-norm (1 of 2 runs)");
    }

    @Test
    void resultsWithAFigureTheBaselineLacksAreBadInput() {
        editJson(baseline, root -> {
            ArrayNodes.removeIf(root.path("figures"), f -> f.path("name").asText()
                    .equals("delta_cdf linear n=1000 trained=2-norm candidate=3-norm"));
            return root;
        });
        Cli r = check();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).contains("delta_cdf linear n=1000 trained=2-norm candidate=3-norm (not in the baseline)");
    }

    @Test
    void unreadableInputIsBadInputNamingTheFile() throws IOException {
        Path ids = results.resolve("linreg/scores/identification.json");
        Files.writeString(ids, "{\"runs\": [");
        Cli r = check();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).contains(ids.toString(), "is not valid JSON");

        Cli missing = Cli.run("regress", "check", "--baseline", baseline.toString(), "--results", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.lastErrorLine()).contains("--results " + dir.resolve("nope") + " is not a folder");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli none = Cli.run("regress", "check", "--baseline", baseline.toString(), "--results", empty.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.lastErrorLine()).contains("holds no scores.csv, linreg.json or train.json");
    }

    @Test
    void aBaselineInTheOldScriptFormatOrNoBaselineIsBadInput() throws IOException {
        Path old = dir.resolve("old.json");
        Files.writeString(old, "{\"delta_cdf\": {}, \"identification\": {}, \"test_accuracy\": {}, \"tolerance_rule\": \"x\"}");
        Cli r = Cli.run("regress", "check", "--baseline", old.toString(), "--results", results.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).contains("old ci/regression_check.py format", "sgeo regress update");
        Cli m = Cli.run("regress", "check", "--baseline", dir.resolve("none.json").toString(), "--results",
                results.toString());
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.lastErrorLine()).contains("does not exist");
    }

    @Test
    void aBaselineIsNotMadeFromAReproductionWithANonFiniteFigure() {
        editJson(results.resolve("deep/mlp-16-2-norm-s1/finetuned/train.json"), root -> {
            ((ObjectNode) root).putNull("test_accuracy_after");
            return root;
        });
        Path out = dir.resolve("b2.json");
        Cli u = Cli.run("regress", "update", "--results", results.toString(), "--out", out.toString());
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.lastErrorLine()).contains("test_accuracy mlp-16 trained=2-norm is not finite in 1 of 2 runs");
        assertThat(out).doesNotExist();
    }

    @Test
    void linearRegressionFiguresReadFromLinregJsonAgreeWithTheScoreStage() throws IOException {
        Results both = Results.of(results);
        delete(results.resolve("linreg/scores"));
        Results linregOnly = Results.of(results);
        both.figures().forEach((cell, values) -> {
            if (cell.architecture().equals("linear") && !"standardized".equals(cell.scope())) {
                List<Double> other = linregOnly.figures().get(cell);
                assertThat(other).as(cell.name()).hasSameSizeAs(values);
                for (int i = 0; i < values.size(); i++) {
                    assertThat(other.get(i)).as(cell.name()).isCloseTo(values.get(i), org.assertj.core.api.Assertions.within(1e-8));
                }
            }
        });
    }

    double accuracy(String run) {
        return Json.readTree(results.resolve(run).resolve("finetuned/train.json"), "train").path("test_accuracy_after")
                .asDouble();
    }

    @Test
    void aLayerScopedIdentificationThatMovesFailsAndIsNamedAlone() {
        // the score stage with --scope layers writes one identification per run and layer, scope "layer:<name>"
        String scope = Scopes.layer("fc1");
        editJson(results.resolve("deep/scores/identification.json"), root -> {
            ArrayNode runs = (ArrayNode) root.path("runs");
            List<JsonNode> pooled = new java.util.ArrayList<>();
            runs.forEach(r -> {
                if (r.path("scope").asText().equals("pooled")) {
                    pooled.add(r);
                }
            });
            pooled.forEach(r -> runs.add(((ObjectNode) r.deepCopy()).put("scope", scope)));
            return root;
        });
        Cli u = Cli.run("regress", "update", "--results", results.toString(), "--out", baseline.toString());
        assertThat(u.code()).as(u.err()).isZero();
        assertThat(figure(Json.readTree(baseline, "baseline"), "identification mlp-16 trained=negative_entropy scope="
                + scope).path("band").path("correct").asInt()).isEqualTo(2);
        Cli same = check();
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).contains("all 78 figures inside their bands");

        editJson(results.resolve("deep/scores/identification.json"), root -> {
            root.path("runs").forEach(r -> {
                if (r.path("scope").asText().equals(scope) && r.path("trained_potential").asText().equals("negative_entropy")) {
                    ((ObjectNode) r).put("identified", "2-norm");
                }
            });
            return root;
        });
        Path json = dir.resolve("report.json");
        Cli r = check("--json", json.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(names(Json.readTree(json, "report").path("verdicts"), false))
                .containsExactly("identification mlp-16 trained=negative_entropy scope=" + scope);
        assertThat(r.out()).contains("| identification mlp-16 trained=negative_entropy scope=" + scope + " | ≥ 2/2 | 2/2 | 0/2 |")
                .contains("identified as 2-norm ×2");
    }

    Cli check(String... extra) {
        String[] args = Stream.concat(Stream.of("regress", "check", "--baseline", baseline.toString(), "--results",
                results.toString()), Stream.of(extra)).toArray(String[]::new);
        return Cli.run(args);
    }

    static JsonNode figure(JsonNode baseline, String name) {
        for (JsonNode f : baseline.path("figures")) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no figure " + name);
    }

    static List<String> names(JsonNode verdicts, boolean inside) {
        List<String> out = new java.util.ArrayList<>();
        verdicts.forEach(v -> {
            if (v.path("inside").asBoolean() == inside) {
                out.add(v.path("name").asText());
            }
        });
        return out;
    }

    static Path copy(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    static void edit(Path file, UnaryOperator<String> change) {
        try {
            Files.writeString(file, change.apply(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void editJson(Path file, UnaryOperator<JsonNode> change) {
        try {
            JsonNode root = Json.mapper().readTree(Files.readString(file));
            Files.writeString(file, Json.text(change.apply(root)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removing elements of a JSON array by a condition. */
    static final class ArrayNodes {
        private ArrayNodes() {
        }

        static void removeIf(JsonNode array, java.util.function.Predicate<JsonNode> drop) {
            var a = (com.fasterxml.jackson.databind.node.ArrayNode) array;
            for (int i = a.size() - 1; i >= 0; i--) {
                if (drop.test(a.get(i))) {
                    a.remove(i);
                }
            }
        }
    }
}
