package io.atq.results;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * {@link Preferences} kept in memory, for {@link EmbeddedJMeter}: JMeter asks for its GUI's user preferences as each
 * thread starts ({@code JMeterThread.threadStarted} initialises {@code GuiPackage}), even without a GUI, and the JDK's
 * default would create them under {@code ~/.java} and write them there again at the JVM's exit. Public: the JDK makes
 * the factory named by the {@code java.util.prefs.PreferencesFactory} property by reflection.
 */
public final class InMemoryPreferences implements PreferencesFactory {
    // Instance fields, not static ones: making a node initialises Preferences, which picks its factory then.
    private final Preferences user = new Node(null, "");
    private final Preferences system = new Node(null, "");

    /** Makes this the factory of every {@link Preferences} of the JVM; before anything asks for one. */
    static void install() {
        System.setProperty(PreferencesFactory.class.getName(), InMemoryPreferences.class.getName());
        if (!(Preferences.userRoot() instanceof Node)) {
            throw new IllegalStateException("Preferences were used before: their factory is "
                    + Preferences.userRoot().getClass().getName() + ", not " + InMemoryPreferences.class.getName());
        }
    }

    @Override
    public Preferences userRoot() {
        return user;
    }

    @Override
    public Preferences systemRoot() {
        return system;
    }

    private static final class Node extends AbstractPreferences {
        private final Map<String, String> values = new ConcurrentHashMap<>();

        Node(AbstractPreferences parent, String name) {
            super(parent, name);
        }

        @Override
        protected void putSpi(String key, String value) {
            values.put(key, value);
        }

        @Override
        protected String getSpi(String key) {
            return values.get(key);
        }

        @Override
        protected void removeSpi(String key) {
            values.remove(key);
        }

        @Override
        protected void removeNodeSpi() {
        }

        @Override
        protected String[] keysSpi() {
            return values.keySet().toArray(String[]::new);
        }

        /** None beyond those {@link AbstractPreferences} keeps itself: nothing outlives the JVM. */
        @Override
        protected String[] childrenNamesSpi() {
            return new String[0];
        }

        @Override
        protected AbstractPreferences childSpi(String name) {
            return new Node(this, name);
        }

        @Override
        protected void syncSpi() {
        }

        @Override
        protected void flushSpi() {
        }
    }
}
