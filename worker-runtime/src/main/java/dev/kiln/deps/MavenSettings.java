package dev.kiln.deps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * What the user's Maven {@code settings.xml} says, read as Maven reads it (its settings builder:
 * {@code ${user.home}} and {@code ${env.X}} interpolated): the local repository, offline, mirrors,
 * proxies, the servers' credentials, and the repositories of active profiles. The file is
 * {@code ~/.m2/settings.xml}, or the host system property {@code kiln.maven.settings}; none is no
 * settings. Encrypted passwords ({@code {...}}, settings-security.xml) are not decrypted.
 */
final class MavenSettings {
    /** A host system property naming the settings file to read instead of {@code ~/.m2/settings.xml}. */
    static final String SETTINGS_PROPERTY = "kiln.maven.settings";

    private final Settings settings;
    private final Path file;

    private MavenSettings(Settings settings, Path file) {
        this.settings = settings;
        this.file = file;
    }

    /** The settings of this host's user (or of {@code kiln.maven.settings}); empty settings when there is no file. */
    static MavenSettings load() throws ResolutionException {
        Path file = settingsFile();
        if (!Files.isRegularFile(file)) {
            return new MavenSettings(new Settings(), file);
        }
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        request.setUserSettingsFile(file.toFile());
        request.setSystemProperties(System.getProperties());
        try {
            return new MavenSettings(
                    new DefaultSettingsBuilderFactory()
                            .newInstance()
                            .build(request)
                            .getEffectiveSettings(),
                    file);
        } catch (SettingsBuildingException e) {
            throw new ResolutionException("cannot read the Maven settings " + file + ": "
                    + e.getProblems().get(0).getMessage() + ". Correct that file (it is Maven's settings.xml)");
        }
    }

    private static Path settingsFile() {
        String override = System.getProperty(SETTINGS_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override.strip()).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
    }

    /**
     * The local repository: {@code given} if present, else the host system property
     * {@code maven.repo.local}, else the settings' {@code <localRepository>}, else {@code ~/.m2/repository}.
     */
    Path localRepository(Optional<Path> given) {
        if (given.isPresent()) {
            return given.get().toAbsolutePath();
        }
        String property = System.getProperty("maven.repo.local");
        if (property != null && !property.isBlank()) {
            return Path.of(property.strip()).toAbsolutePath();
        }
        String configured = settings.getLocalRepository();
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip()).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Whether the settings say {@code <offline>true</offline>}: only the local repository is used. */
    boolean offline() {
        return settings.isOffline();
    }

    /** The file these settings came from (it may not exist). */
    Path file() {
        return file;
    }

    /** The repositories of the profiles that are active: listed in {@code <activeProfiles>}, or active by default. */
    List<RemoteRepository> profileRepositories() {
        List<RemoteRepository> out = new ArrayList<>();
        for (Profile p : settings.getProfiles()) {
            boolean byDefault = p.getActivation() != null && p.getActivation().isActiveByDefault();
            if (!byDefault && !settings.getActiveProfiles().contains(p.getId())) {
                continue;
            }
            for (org.apache.maven.settings.Repository r : p.getRepositories()) {
                RemoteRepository.Builder b = new RemoteRepository.Builder(r.getId(), "default", r.getUrl());
                if (r.getReleases() != null) {
                    b.setReleasePolicy(policy(r.getReleases()));
                }
                if (r.getSnapshots() != null) {
                    b.setSnapshotPolicy(policy(r.getSnapshots()));
                }
                out.add(b.build());
            }
        }
        return out;
    }

    private static RepositoryPolicy policy(org.apache.maven.settings.RepositoryPolicy p) {
        return new RepositoryPolicy(p.isEnabled(), p.getUpdatePolicy(), p.getChecksumPolicy());
    }

    /** The settings' mirrors: a repository whose id a mirror's {@code mirrorOf} matches is fetched from the mirror. */
    MirrorSelector mirrors() {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            selector.add(
                    m.getId(),
                    m.getUrl(),
                    m.getLayout(),
                    false,
                    m.isBlocked(),
                    m.getMirrorOf(),
                    m.getMirrorOfLayouts());
        }
        return selector;
    }

    /** The settings' active proxies, each for its protocol, with its credentials and non-proxy hosts. */
    ProxySelector proxies() {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (org.apache.maven.settings.Proxy p : settings.getProxies()) {
            if (!p.isActive()) {
                continue;
            }
            AuthenticationBuilder auth = new AuthenticationBuilder();
            if (p.getUsername() != null) {
                auth.addUsername(p.getUsername()).addPassword(p.getPassword());
            }
            selector.add(new Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth.build()), p.getNonProxyHosts());
        }
        return selector;
    }

    /** The servers' credentials, by repository (or mirror) id: user and password, or a private key. */
    AuthenticationSelector authentication() {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            AuthenticationBuilder auth = new AuthenticationBuilder();
            if (s.getUsername() != null) {
                auth.addUsername(s.getUsername()).addPassword(s.getPassword());
            }
            if (s.getPrivateKey() != null) {
                auth.addPrivateKey(s.getPrivateKey(), s.getPassphrase());
            }
            selector.add(s.getId(), auth.build());
        }
        return selector;
    }
}
