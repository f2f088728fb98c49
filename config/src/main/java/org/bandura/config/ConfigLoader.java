package org.bandura.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML file (path from {@code BANDURA_CONFIG}, else {@code config/bandura.yml} when it exists), lets
 * environment variables override any key, and validates everything at once. Every problem names its key.
 */
public final class ConfigLoader {

    public static final String CONFIG_ENV = "BANDURA_CONFIG";
    public static final Path DEFAULT_PATH = Path.of("config", "bandura.yml");

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> env;
    private final Path defaultPath;

    public ConfigLoader(Map<String, String> env, Path defaultPath) {
        this.env = Map.copyOf(env);
        this.defaultPath = defaultPath;
    }

    /** Environment variables Bandura reads that are not configuration keys. */
    private static final List<String> OTHER_BANDURA_VARIABLES = List.of(CONFIG_ENV, "BANDURA_LOG_LEVEL",
            "BANDURA_COPY_TO_PASSWORD", "BANDURA_TEST_POSTGRES", "BANDURA_TEST_POSTGRES_URL",
            "BANDURA_TEST_POSTGRES_USER");

    public static BanduraConfig fromEnvironment() {
        return new ConfigLoader(System.getenv(), DEFAULT_PATH).load();
    }

    public BanduraConfig load() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        Map<String, String> sources = new HashMap<>();
        readFile(raw, sources, problems);
        for (Key key : ConfigKeys.ALL) {
            for (String name : key.envNames()) {
                String value = env.get(name);
                if (value != null && !value.isEmpty()) {
                    raw.put(key.path(), value);
                    sources.put(key.path(), "environment variable " + name);
                }
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (Key key : ConfigKeys.ALL) {
            Object value = raw.containsKey(key.path()) ? raw.get(key.path()) : key.defaultValue();
            String where = sources.getOrDefault(key.path(), "default");
            try {
                values.put(key.path(), value == null ? null : convert(key, value));
            } catch (IllegalArgumentException e) {
                problems.add(key.path() + " (from " + where + "): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        BanduraConfig config = BanduraConfig.from(new Values(values, sources.keySet()), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /**
     * One warning per {@code BANDURA_*} environment variable that matches no key (a typo is otherwise silently
     * ignored), each with the closest known variable. Values are never included: they may be secrets.
     */
    public List<String> unknownVariableWarnings() {
        Map<String, Key> byVariable = new HashMap<>();
        ConfigKeys.ALL.forEach(key -> byVariable.put(key.env(), key));
        List<String> warnings = new ArrayList<>();
        env.keySet().stream().sorted().filter(name -> name.startsWith("BANDURA_"))
                .filter(name -> !byVariable.containsKey(name) && !OTHER_BANDURA_VARIABLES.contains(name))
                .forEach(name -> warnings.add("Environment variable " + name + " matches no configuration key and "
                        + "is ignored. " + closest(name, byVariable.keySet())
                                .map(best -> "Did you mean " + best + " (" + byVariable.get(best).path() + ")?")
                                .orElse("See config/bandura.example.yml for the known keys.")));
        return warnings;
    }

    private void readFile(Map<String, Object> raw, Map<String, String> sources, List<String> problems) {
        String explicit = env.get(CONFIG_ENV);
        Path path = explicit != null && !explicit.isBlank() ? Path.of(explicit) : defaultPath;
        if (!Files.exists(path)) {
            if (explicit != null && !explicit.isBlank()) {
                problems.add(CONFIG_ENV + ": the file " + path + " does not exist. Fix the path or unset "
                        + CONFIG_ENV + " to use defaults.");
            }
            return;
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path));
        } catch (JsonProcessingException e) {
            // The parser's message quotes the offending line, which may hold a password: give only its position.
            problems.add(path + " is not valid YAML" + (e.getLocation() == null ? "" : " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())
                    + ". Check the indentation and quote values that contain ': ', '#' or start with a symbol.");
            return;
        } catch (IOException e) {
            problems.add(path + " can't be read: " + e.getMessage());
            return;
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return;
        }
        if (!root.isObject()) {
            problems.add(path + " must hold keys such as 'database:' at the top level.");
            return;
        }
        Map<String, Key> known = new HashMap<>();
        ConfigKeys.ALL.forEach(key -> known.put(key.path(), key));
        flatten("", root, raw, known, problems, path);
        raw.keySet().forEach(key -> sources.put(key, path.toString()));
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out, Map<String, Key> known,
                                List<String> problems, Path file) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (known.containsKey(path)) {
                if (value.isNull()) {
                    continue;
                }
                if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    value.forEach(item -> items.add(item.asText()));
                    out.put(path, items);
                } else if (value.isObject() && known.get(path).kind() == Key.Kind.MAP) {
                    Map<String, String> entries = new LinkedHashMap<>();
                    value.fields().forEachRemaining(entry -> entries.put(entry.getKey(), entry.getValue().asText()));
                    out.put(path, entries);
                } else if (value.isObject()) {
                    problems.add(path + " (in " + file + "): expected a single value, found a section.");
                } else {
                    out.put(path, value.asText());
                }
            } else if (value.isObject() && known.keySet().stream().anyMatch(key -> key.startsWith(path + "."))) {
                flatten(path, value, out, known, problems, file);
            } else {
                problems.add(path + " (in " + file + "): unknown key. " + suggestion(path, known));
            }
        }
    }

    private static String suggestion(String path, Map<String, Key> known) {
        return closest(path, known.keySet()).map(best -> "Did you mean '" + best + "'?")
                .orElse("See config/bandura.example.yml for the known keys.");
    }

    /** The candidate nearest to {@code name} by edit distance, when it is near enough to be a likely typo. */
    private static Optional<String> closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= 4 ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static Object convert(Key key, Object value) {
        if (key.kind() == Key.Kind.MAP) {
            return parseMap(value);
        }
        if (key.kind() == Key.Kind.LIST) {
            if (value instanceof List<?> list) {
                return list.stream().map(Object::toString).map(String::strip).filter(s -> !s.isEmpty()).toList();
            }
            return Arrays.stream(value.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        if (value instanceof List<?>) {
            throw new IllegalArgumentException("expected a single value, found a list.");
        }
        String text = value.toString().strip();
        return switch (key.kind()) {
            case STRING -> text.isEmpty() ? null : text;
            case INT -> parseInt(key, text);
            case BOOLEAN -> parseBoolean(text);
            case DURATION -> value instanceof Duration duration ? duration : parseDuration(text);
            case URL -> parseUrl(text);
            case LIST, MAP -> throw new IllegalStateException();
        };
    }

    /** A YAML mapping as it is, or {@code name=value,name=value} (environment variables, one-line YAML). */
    private static Map<String, String> parseMap(Object value) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, item) -> entries.put(name.toString().strip(), item == null ? "" : item.toString().strip()));
            return entries;
        }
        if (value instanceof List<?>) {
            throw new IllegalArgumentException("expected name: value pairs (a mapping), found a list.");
        }
        for (String pair : value.toString().split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected name=value pairs separated by commas, got '"
                        + pair.strip() + "'.");
            }
            entries.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return entries;
    }

    private static Integer parseInt(Key key, String text) {
        long number;
        try {
            number = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number from " + key.min() + " to " + key.max()
                    + ", got '" + text + "'.");
        }
        if (number < key.min() || number > key.max()) {
            throw new IllegalArgumentException("must be from " + key.min() + " to " + key.max() + ", got " + number
                    + ".");
        }
        return (int) number;
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'.");
        };
    }

    private static Duration parseDuration(String text) {
        Matcher simple = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 5s, 2m or PT5S, got '" + text
                    + "'.");
        }
    }

    private static String parseUrl(String text) {
        try {
            URI uri = URI.create(text);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || !List.of("http", "https", "ws", "wss").contains(scheme)) {
                throw new IllegalArgumentException("bad");
            }
            return text;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected an absolute http(s) or ws(s) URL, got '" + text + "'.");
        }
    }

    /** Typed access to converted values. */
    static final class Values {
        private final Map<String, Object> values;
        private final java.util.Set<String> explicitKeys;

        Values(Map<String, Object> values, java.util.Set<String> explicitKeys) {
            this.values = values;
            this.explicitKeys = java.util.Set.copyOf(explicitKeys);
        }

        /** Whether the key came from the file or the environment rather than its default. */
        boolean explicit(String key) {
            return explicitKeys.contains(key);
        }

        String string(String key) {
            return (String) values.get(key);
        }

        int integer(String key) {
            return (Integer) values.get(key);
        }

        boolean bool(String key) {
            return (Boolean) values.get(key);
        }

        Duration duration(String key) {
            return (Duration) values.get(key);
        }

        @SuppressWarnings("unchecked")
        Map<String, String> map(String key) {
            return (Map<String, String>) values.get(key);
        }

        @SuppressWarnings("unchecked")
        List<String> list(String key) {
            return (List<String>) values.get(key);
        }
    }
}
