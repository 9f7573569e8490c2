package dev.goldsmith.builders.base;

import dev.goldsmith.catalog.blueprint.Distro;
import dev.goldsmith.catalog.version.VersionScheme;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The vendor cloud image an RPM distribution's base is prepared from, such as AlmaLinux's GenericCloud qcow2.
 *
 * @param distro     the distribution release it is, such as {@code almalinux-9}; an RPM family one
 * @param image      the image file, an absolute path
 * @param kernelRoot the kernel arguments that find its root file system when its kernel is booted directly, such
 *                   as {@code root=LABEL=root}; vendors label and lay out their root file systems differently, and
 *                   one with LVM needs more than {@code root=} ({@code root=/dev/mapper/rhel-root rd.lvm.lv=...})
 */
public record VendorImage(Distro distro, Path image, String kernelRoot) {

    /** Kernel arguments are words the guest's command line and libvirt's XML carry as they are. */
    private static final Pattern ARGUMENT = Pattern.compile("[A-Za-z0-9._,:=/+@-]+");

    public VendorImage {
        Objects.requireNonNull(distro, "distro");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(kernelRoot, "kernelRoot");
        distroProblem(distro).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        imageProblem(image).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        kernelRootProblem(kernelRoot).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        image = image.normalize();
        kernelRoot = String.join(" ", kernelRoot.strip().split(" +"));
    }

    /** Returns why {@code distro} takes no vendor image, or empty when it is an RPM distribution. */
    public static Optional<String> distroProblem(Distro distro) {
        if (distro.family().scheme() == VersionScheme.RPM) {
            return Optional.empty();
        }
        return Optional.of(distro + " is bootstrapped with mmdebstrap from the host's APT sources; vendor images are"
                + " for RPM distributions (" + rpmFamilies() + ")");
    }

    /** Returns why {@code image} cannot be a vendor image's path, or empty when it can. */
    public static Optional<String> imageProblem(Path image) {
        if (!image.isAbsolute()) {
            return Optional.of("must be an absolute path, got '" + image + "'");
        }
        if (image.toString().contains(":")) {
            return Optional.of("must not contain ':', which virt-customize reads as a separator: " + image);
        }
        return Optional.empty();
    }

    /** Returns why {@code kernelRoot} cannot find a root file system, or empty when it can. */
    public static Optional<String> kernelRootProblem(String kernelRoot) {
        String[] arguments = kernelRoot.strip().split(" +");
        if (kernelRoot.isBlank() || !Arrays.stream(arguments).allMatch(a -> ARGUMENT.matcher(a).matches())) {
            return Optional.of("'" + kernelRoot + "' is not kernel arguments: words of letters, digits and"
                    + " . _ , : = / + @ - separated by spaces");
        }
        if (Arrays.stream(arguments).noneMatch(a -> a.startsWith("root=") && a.length() > "root=".length())) {
            return Optional.of("'" + kernelRoot + "' has no root= argument, such as root=LABEL=root or"
                    + " root=UUID=...; the kernel would not find the image's root file system");
        }
        return Optional.empty();
    }

    /** Returns the RPM families' names, for messages: {@code rhel, almalinux, rocky, fedora, centos}. */
    public static String rpmFamilies() {
        return String.join(", ", Arrays.stream(Distro.Family.values())
                .filter(f -> f.scheme() == VersionScheme.RPM).map(Distro.Family::familyName).toList());
    }
}
