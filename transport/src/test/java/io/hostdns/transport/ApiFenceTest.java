package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Resolver;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fence around the public API of core and transport: every public top-level type outside an
 * {@code internal} package must be in {@link #ALLOWED}, the reviewed list below, so that growing the API is a
 * deliberate change to this file; and no public signature of the API (supertypes, constructors, methods,
 * fields) names a type of an {@code internal} package. Scans the compiled classes of both modules (directories
 * or jars, multi-release entries included), reading access flags from the class files.
 */
class ApiFenceTest {

    /** At most this many public top-level types: the target of issue 12. */
    private static final int MAX_TOP_LEVEL = 60;

    private static final Set<String> ALLOWED = Set.of(
            // core: the seam, the data, the combinator factories and the typed errors
            "io.hostdns.core.Resolver",
            "io.hostdns.core.Resolvers",
            "io.hostdns.core.Query",
            "io.hostdns.core.Answer",
            "io.hostdns.core.AnswerSource",
            "io.hostdns.core.Upstream",
            "io.hostdns.core.UpstreamId",
            "io.hostdns.core.Protocol",
            "io.hostdns.core.DnsException",
            "io.hostdns.core.DnsNetworkException",
            "io.hostdns.core.DnsTimeoutException",
            "io.hostdns.core.DnsUnreachableException",
            "io.hostdns.core.MalformedResponseException",
            "io.hostdns.core.AllUpstreamsDownException",
            "io.hostdns.core.ConcurrencyLimitExceededException",
            // core: cache, coalescing (public for its counters and meters)
            "io.hostdns.core.cache.CachingResolver",
            "io.hostdns.core.cache.CacheOptions",
            "io.hostdns.core.cache.CacheStats",
            "io.hostdns.core.cache.CoalescingResolver",
            // core: upstream groups and what a group reports
            "io.hostdns.core.upstream.UpstreamGroup",
            "io.hostdns.core.upstream.GroupStrategy",
            "io.hostdns.core.upstream.UpstreamPolicy",
            "io.hostdns.core.upstream.AnswerPredicate",
            "io.hostdns.core.health.UpstreamStatus",
            "io.hostdns.core.health.HealthThresholds",
            "io.hostdns.core.health.ProbeSettings",
            // core: local names, search lists, traces, metrics
            "io.hostdns.core.hosts.HostsResolver",
            "io.hostdns.core.hosts.StaticHosts",
            "io.hostdns.core.hosts.HostsFile",
            "io.hostdns.core.hosts.Member",
            "io.hostdns.core.hosts.NodeIdentity",
            "io.hostdns.core.search.SearchResolver",
            "io.hostdns.core.search.SearchList",
            "io.hostdns.core.search.ResolvConf",
            "io.hostdns.core.trace.QueryTrace",
            "io.hostdns.core.metrics.HostDnsMetrics",
            // core: DNSSEC validation as a decorator
            "io.hostdns.core.dnssec.ValidatingResolver",
            "io.hostdns.core.dnssec.DnssecValidation",
            // transport: the front door, event loops, upstream specs and the clients with their builders
            "io.hostdns.transport.HostDns",
            "io.hostdns.transport.DnsResources",
            "io.hostdns.transport.UpstreamSpec",
            "io.hostdns.transport.UpstreamFactory",
            "io.hostdns.transport.udp.UdpDnsClient",
            "io.hostdns.transport.tcp.TcpDnsClient",
            "io.hostdns.transport.https.DohResolver",
            "io.hostdns.transport.tls.TlsTrust",
            // transport: the server
            "io.hostdns.transport.server.DnsServer",
            "io.hostdns.transport.server.RunningDnsServer",
            "io.hostdns.transport.server.ClientAcl",
            "io.hostdns.transport.server.ClientRateLimit",
            // transport: the adapters (the JDK's ServiceLoader needs the provider public; nobody names it)
            "io.hostdns.transport.netty.HostDnsAddressResolverGroup",
            "io.hostdns.transport.netty.AddressPreference",
            "io.hostdns.transport.jdk.HostDnsInetAddressResolverProvider",
            // transport: the forwarder and its configuration
            "io.hostdns.transport.forwarder.HostDnsForwarder",
            "io.hostdns.transport.forwarder.ForwarderStatus",
            "io.hostdns.transport.forwarder.config.HostDnsConfig",
            "io.hostdns.transport.forwarder.config.HostDnsConfigLoader",
            "io.hostdns.transport.forwarder.config.ConfigException",
            "io.hostdns.transport.forwarder.config.ListenAddress",
            "io.hostdns.transport.forwarder.config.Cidr");

    @Test
    void publicTopLevelTypes_outsideInternalPackages_areExactlyTheReviewedOnes_atMost60() throws Exception {
        Set<String> found = new TreeSet<>();
        for (CompiledClass c : apiClasses()) {
            if (!c.nested() && c.isPublicTopLevel()) {
                found.add(c.name());
            }
        }
        Set<String> unexpected = new TreeSet<>(found);
        unexpected.removeAll(ALLOWED);
        Set<String> gone = new TreeSet<>(ALLOWED);
        gone.removeAll(found);

        assertThat(unexpected).as("public types not in the reviewed list: make them package-private, move them to"
                + " an internal package, nest them in their owner, or add them to ALLOWED deliberately").isEmpty();
        assertThat(gone).as("types in ALLOWED that no longer exist: take them off the list").isEmpty();
        assertThat(ALLOWED).hasSizeLessThanOrEqualTo(MAX_TOP_LEVEL);
        System.out.println("API fence: " + found.size() + " public top-level types, " + publicNested().size()
                + " public nested types");
    }

    @Test
    void noPublicSignature_namesAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicApiTypes()) {
            check(leaks, type, "extends", type.getGenericSuperclass());
            for (Type i : type.getGenericInterfaces()) {
                check(leaks, type, "implements", i);
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers())) {
                    for (Type p : constructor.getGenericParameterTypes()) {
                        check(leaks, type, "constructor parameter", p);
                    }
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers()) && !method.isSynthetic()) {
                    check(leaks, type, method.getName() + "() returns", method.getGenericReturnType());
                    for (Type p : method.getGenericParameterTypes()) {
                        check(leaks, type, method.getName() + "() parameter", p);
                    }
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers()) && !field.isSynthetic()) {
                    check(leaks, type, "field " + field.getName(), field.getGenericType());
                }
            }
        }
        assertThat(leaks).as("public API naming internal types").isEmpty();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> leaks, Class<?> owner, String where, Type type) {
        if (type == null) {
            return;
        }
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (isInternal(element.getName())) {
                leaks.add(owner.getName() + " " + where + " " + element.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(leaks, owner, where, p.getRawType());
            for (Type argument : p.getActualTypeArguments()) {
                check(leaks, owner, where, argument);
            }
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                check(leaks, owner, where, bound);
            }
            for (Type bound : w.getLowerBounds()) {
                check(leaks, owner, where, bound);
            }
        } else if (type instanceof GenericArrayType a) {
            check(leaks, owner, where, a.getGenericComponentType());
        }
    }

    private static boolean isInternal(String className) {
        return className.startsWith("io.hostdns.") && className.contains(".internal.");
    }

    /** The public top-level types and the public nested types reachable from them (loadable on this JDK). */
    private static List<Class<?>> publicApiTypes() throws Exception {
        List<Class<?>> types = new ArrayList<>();
        for (CompiledClass c : apiClasses()) {
            if (c.versioned()) {
                continue; // compiled for a newer JDK than the one running the tests
            }
            if (!c.nested() && c.isPublicTopLevel()) {
                types.add(load(c.name()));
            }
        }
        types.addAll(publicNested());
        return types;
    }

    private static List<Class<?>> publicNested() throws Exception {
        List<Class<?>> nested = new ArrayList<>();
        for (CompiledClass c : apiClasses()) {
            if (c.nested() && !c.versioned()) {
                Class<?> type = load(c.name());
                if (!type.isAnonymousClass() && !type.isLocalClass() && !type.isSynthetic() && reachable(type)) {
                    nested.add(type);
                }
            }
        }
        return nested;
    }

    /** Public, and every class it is nested in public too. */
    private static boolean reachable(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, ApiFenceTest.class.getClassLoader());
    }

    /** One class file of core or transport outside internal packages. */
    private record CompiledClass(String name, boolean versioned, int accessFlags) {

        boolean nested() {
            return name.substring(name.lastIndexOf('.') + 1).contains("$");
        }

        boolean isPublicTopLevel() {
            return (accessFlags & Modifier.PUBLIC) != 0;
        }
    }

    private static List<CompiledClass> apiClasses() throws IOException, URISyntaxException {
        List<CompiledClass> classes = new ArrayList<>();
        for (Class<?> anchor : List.of(Resolver.class, HostDns.class)) {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                collect(location, classes);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location)) {
                    collect(jar.getPath("/"), classes);
                }
            }
        }
        assertThat(classes).as("compiled classes of core and transport").hasSizeGreaterThan(100);
        return classes;
    }

    private static void collect(Path root, List<CompiledClass> into) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                boolean versioned = relative.startsWith("META-INF/versions/");
                if (versioned) {
                    relative = relative.substring(relative.indexOf('/', "META-INF/versions/".length()) + 1);
                }
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (!name.startsWith("io.hostdns.") || name.endsWith("package-info") || name.endsWith("module-info")
                        || isInternal(name)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    into.add(new CompiledClass(name, versioned, accessFlags(in)));
                }
            }
        }
    }

    /** The access flags of a class file: after the magic, the versions and the constant pool. */
    private static int accessFlags(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> in.skipNBytes(in.readUnsignedShort());
                case 3, 4 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // a long or a double takes two entries
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 15 -> in.skipNBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return in.readUnsignedShort();
    }
}
