package dev.llmmon.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.llmmon.internal.json.Json;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI examples of docs/ci.md ({@code docs/ci/github/*.yml}, {@code docs/ci/gitlab-ci.yml}) are valid workflow
 * files (SchemaStore's schemas, test resources) and run only commands the README shows: the same Maven goal, the
 * plugin version the README uses, every required parameter of that goal, and only properties the goal has (this
 * module's plugin descriptor). A misspelt {@code -Dllmmon.*} property would otherwise be ignored by Maven silently.
 */
class CiExamplesTest {
    private static final Path ROOT = Path.of("..");
    private static final Path EXAMPLES = ROOT.resolve("docs/ci");
    private static final Pattern PLUGIN_GOAL = Pattern.compile("(?:dev\\.llmmon:llmmon-maven-plugin:([^:]+)|llmmon):([a-z-]+)");
    /** Maven options that take a value: the value is neither a goal nor a property. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-f", "--file", "-pl", "--projects", "-P",
            "--activate-profiles", "-s", "--settings", "-T", "--threads");

    /** One Maven invocation: its goals or phases, and the names of the properties it sets. */
    record Command(String source, String text, List<String> goals, Set<String> properties) {
    }

    @Test
    void theGitHubWorkflowsAreValidWorkflows() throws IOException {
        JsonSchema schema = schema("github-workflow.json");
        List<Path> workflows = githubWorkflows();
        assertThat(workflows).extracting(p -> p.getFileName().toString())
                .contains("llmmon-monitor.yml", "llmmon-probe.yml", "llmmon-gate.yml");
        for (Path workflow : workflows) {
            assertThat(schema.validate(yaml(workflow))).as(workflow.toString()).isEmpty();
        }
    }

    @Test
    void theGitLabPipelineIsAValidPipeline() throws IOException {
        Set<ValidationMessage> problems = schema("gitlab-ci.json").validate(yaml(EXAMPLES.resolve("gitlab-ci.yml")));
        assertThat(problems).isEmpty();
    }

    @Test
    void aBrokenWorkflowIsCaught() throws IOException {
        // the schemas are not vacuous: a step with neither run nor uses, an unknown GitLab job keyword
        JsonNode workflow = Json.YAML.readTree("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - name: nothing\n        with: {x: 1}\n");
        assertThat(schema("github-workflow.json").validate(workflow)).isNotEmpty();
        JsonNode pipeline = Json.YAML.readTree("job:\n  script: [echo]\n  artefacts: {paths: [x]}\n");
        assertThat(schema("gitlab-ci.json").validate(pipeline)).isNotEmpty();
    }

    @Test
    void everyMavenCommandOfTheExamplesIsOneTheReadmeShows() throws Exception {
        List<Command> readme = commands("README.md", readmeShellText());
        Map<String, Goal> goals = pluginGoals();
        List<Command> examples = new ArrayList<>();
        for (Path file : exampleFiles()) {
            examples.addAll(commands(ROOT.relativize(file).toString(), String.join("\n", scripts(yaml(file)))));
        }
        assertThat(examples.stream().map(c -> c.goals().toString()))
                .contains("[llmmon:monitor]", "[llmmon:probe]", "[llmmon:gate]");
        String readmeVersion = readme.stream().map(c -> PLUGIN_GOAL.matcher(c.text()))
                .filter(Matcher::find).map(m -> m.group(1)).filter(v -> v != null).findFirst().orElseThrow();

        for (Command c : examples) {
            String where = c.source() + ": " + c.text();
            List<Command> sameGoals = readme.stream().filter(r -> r.goals().equals(c.goals())).toList();
            assertThat(sameGoals).as("the README shows no command with the goals %s (%s)", c.goals(), where)
                    .isNotEmpty();
            Matcher plugin = PLUGIN_GOAL.matcher(c.goals().get(0));
            if (c.goals().size() == 1 && plugin.matches()) {
                assertThat(plugin.group(1)).as("plugin version in " + where).isIn(null, readmeVersion);
                Goal goal = goals.get(plugin.group(2));
                assertThat(c.properties()).as("required parameters of %s in %s", goal.name(), where)
                        .containsAll(goal.required());
                assertThat(goal.properties()).as("properties of %s (plugin descriptor) for %s", goal.name(), where)
                        .containsAll(c.properties());
            } else {
                assertThat(sameGoals).as("a README command with the same goals and properties as " + where)
                        .anyMatch(r -> r.properties().equals(c.properties()));
            }
        }
    }

    @Test
    void theCommandParserReadsContinuationsChainsAndFoldedLines() {
        List<Command> parsed = commands("t", "./mvnw -B -q install -DskipTests && ./mvnw -B -f demo/pom.xml verify\n"
                + "mvn dev.llmmon:llmmon-maven-plugin:1.0:monitor \\\n    -Dllmmon.logs=x -Dllmmon.window=\"1 d\"\n"
                + "echo mvn is not at the start\n");
        assertThat(parsed).extracting(Command::goals).containsExactly(List.of("install"), List.of("verify"),
                List.of("llmmon:monitor"));
        assertThat(parsed.get(0).properties()).containsExactly("skipTests");
        assertThat(parsed.get(2).properties()).containsExactly("llmmon.logs", "llmmon.window");
    }

    /** A goal of this plugin: its required parameters' properties and every property it reads. */
    record Goal(String name, Set<String> required, Set<String> properties) {
    }

    private static Map<String, Goal> pluginGoals() throws Exception {
        Path descriptor = Path.of("target/classes/META-INF/maven/plugin.xml");
        org.w3c.dom.Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor.toFile());
        Map<String, Goal> goals = new HashMap<>();
        NodeList mojos = doc.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String name = text(mojo, "goal");
            Map<String, String> propertyOf = new HashMap<>();
            Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
            for (Node n = configuration.getFirstChild(); n != null; n = n.getNextSibling()) {
                String expression = n.getTextContent().trim();
                if (n instanceof Element && expression.startsWith("${") && expression.endsWith("}")) {
                    propertyOf.put(n.getNodeName(), expression.substring(2, expression.length() - 1));
                }
            }
            Set<String> required = new LinkedHashSet<>();
            NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
            for (int p = 0; p < parameters.getLength(); p++) {
                Element parameter = (Element) parameters.item(p);
                String property = propertyOf.get(text(parameter, "name"));
                if ("true".equals(text(parameter, "required")) && property != null) {
                    required.add(property);
                }
            }
            goals.put(name, new Goal(name, required, Set.copyOf(propertyOf.values())));
        }
        return goals;
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    /** The README's shell code blocks (```bash, ```sh, ```). */
    private static String readmeShellText() throws IOException {
        StringBuilder shell = new StringBuilder();
        boolean in = false;
        boolean shellBlock = false;
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.startsWith("```")) {
                shellBlock = !in && line.matches("```(bash|sh|shell)?\\s*");
                in = !in;
                continue;
            }
            if (in && shellBlock) {
                shell.append(line).append('\n');
            }
        }
        return shell.toString();
    }

    /** Every {@code mvn} / {@code ./mvnw} invocation of a shell text: continuations joined, chains split. */
    static List<Command> commands(String source, String shell) {
        List<Command> out = new ArrayList<>();
        for (String line : shell.replace("\\\n", " ").split("\n")) {
            String code = line.replaceFirst("\\s+#.*$", "");
            for (String part : code.split("&&|\\|\\||;|\\|")) {
                List<String> words = words(part.trim());
                if (words.isEmpty() || !(words.get(0).equals("mvn") || words.get(0).equals("./mvnw"))) {
                    continue;
                }
                List<String> goals = new ArrayList<>();
                Set<String> properties = new LinkedHashSet<>();
                for (int i = 1; i < words.size(); i++) {
                    String w = words.get(i);
                    if (w.startsWith("-D")) {
                        properties.add(w.substring(2).split("=", 2)[0]);
                    } else if (OPTIONS_WITH_VALUE.contains(w)) {
                        i++;
                    } else if (!w.startsWith("-")) {
                        Matcher plugin = PLUGIN_GOAL.matcher(w);
                        goals.add(plugin.matches() && plugin.group(1) != null ? "llmmon:" + plugin.group(2) : w);
                    }
                }
                out.add(new Command(source, part.trim(), goals, properties));
            }
        }
        return out;
    }

    /** Shell words, quotes removed (enough for Maven command lines). */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("(?:\"[^\"]*\"|'[^']*'|[^\\s\"']+)+").matcher(text);
        while (m.find()) {
            words.add(m.group().replace("\"", "").replace("'", ""));
        }
        return words;
    }

    /** The shell scripts of a GitHub workflow (steps' run) or a GitLab pipeline (script, before/after_script). */
    private static List<String> scripts(JsonNode document) {
        List<String> out = new ArrayList<>();
        document.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("run")) {
                out.add(step.get("run").asText());
            }
        }));
        document.forEach(job -> Stream.of("before_script", "script", "after_script").forEach(key -> {
            JsonNode script = job.path(key);
            if (script.isTextual()) {
                out.add(script.asText());
            }
            script.forEach(line -> out.add(line.asText()));
        }));
        return out;
    }

    private static List<Path> githubWorkflows() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("github"))) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static List<Path> exampleFiles() throws IOException {
        List<Path> all = new ArrayList<>(githubWorkflows());
        all.add(EXAMPLES.resolve("gitlab-ci.yml"));
        return all;
    }

    private static JsonNode yaml(Path file) throws IOException {
        return Json.YAML.readTree(file.toFile());
    }

    private static JsonSchema schema(String name) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of("classpath:schemastore/" + name));
    }
}
