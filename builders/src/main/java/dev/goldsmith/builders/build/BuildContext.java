package dev.goldsmith.builders.build;

import dev.goldsmith.builders.agent.ConsoleReport;
import dev.goldsmith.builders.base.BaseImage;
import dev.goldsmith.builders.libvirt.DomainType;
import dev.goldsmith.builders.libvirt.HostPool;
import dev.goldsmith.builders.qa.CheckResult;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.image.PackageLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the steps of one build share. Each field is set by the step that makes it and read by later steps and by
 * cleanups, which must cope with fields still null because their step never got that far.
 */
final class BuildContext {

    final BuildRequest request;
    final BuildSettings settings;
    final String buildId;
    /** This build's own directory under the scratch directory; Leftovers removes it if the build is killed. */
    final Path scratch;
    final List<Manifest.Step> timings = new ArrayList<>();

    BaseImage base;
    Path overlay;
    Path provisioningIso;
    HostPool.Lease lease;
    DomainType domainType;
    String domainTypeReason;
    Path buildConsole;
    ConsoleReport report;
    ImageVersionId version;
    Path versionDir;
    Path artifact;
    String sha256;
    long size;
    Manifest manifest;
    PackageLock lock;
    Path qaOverlay;
    Path qaIso;
    Path qaConsole;
    Duration bootTime;
    List<CheckResult> qaResults;
    Path junit;
    /** Where the guests' console files were kept once the build ended; null while none was. */
    Path consoles;

    BuildContext(BuildRequest request, BuildSettings settings, String buildId, Path scratch) {
        this.request = request;
        this.settings = settings;
        this.buildId = buildId;
        this.scratch = scratch;
    }

    /** Returns {@code image= build=} for log lines. */
    String label() {
        return request.image() + " build=" + buildId;
    }
}
