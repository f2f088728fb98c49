package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.bandura.core.BanduraCore;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The metered core the front doors get must pass every read through, not fall back to the interface's defaults. */
class MeteredCoreTest {

    @Test
    @DisplayName("the metered core overrides every method of BanduraCore (catch-up, autocomplete, thread lookups)")
    void delegatesEverything() throws Exception {
        try (Database database = Database.open(DatabaseSettings.of("jdbc:h2:mem:metered;DB_CLOSE_DELAY=-1"));
             Metrics metrics = new Metrics(database)) {
            Class<?> metered = metrics.meter(null).getClass();
            List<String> missing = Arrays.stream(BanduraCore.class.getMethods())
                    .filter(method -> !Modifier.isStatic(method.getModifiers()))
                    .filter(method -> !declares(metered, method))
                    .map(Method::getName)
                    .toList();
            assertThat(missing).isEmpty();
        }
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
