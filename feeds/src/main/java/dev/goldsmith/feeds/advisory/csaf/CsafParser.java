package dev.goldsmith.feeds.advisory.csaf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.AdvisoryData.AffectedPackage;
import dev.goldsmith.catalog.event.Remediation;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.version.VersionScheme;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.DocumentResult;
import dev.goldsmith.feeds.advisory.JsonDocument;
import dev.goldsmith.feeds.advisory.Omission;
import dev.goldsmith.feeds.advisory.OmissionTally;
import dev.goldsmith.feeds.advisory.RedHatReleases;
import dev.goldsmith.feeds.advisory.Severities;

/**
 * Maps one CSAF 2.0 document of category {@code csaf_security_advisory} or {@code csaf_vex}, as Red Hat
 * publishes them, to an {@link AdvisoryData}.
 *
 * <ul>
 *   <li>The advisory id is {@code document.tracking.id}; published and modified are its
 *       {@code initial_release_date} and {@code current_release_date}. Aliases are {@code tracking.aliases} and
 *       each vulnerability's {@code cve}, CVE ids first, the document's own id left out. Severity is
 *       {@code aggregate_severity}, or failing that the worst {@code impact} threat of any vulnerability.</li>
 *   <li>Each product a {@code product_status} names is resolved in the product tree; a name the tree does not
 *       define makes the document malformed. A relationship product {@code Y:X} is component X (the package,
 *       by its purl) within platform Y (the release, by its CPE, see {@link RedHatReleases}).</li>
 *   <li>{@code fixed} and {@code first_fixed} give an affected package whose fixed version is the purl's
 *       version, with the {@code epoch} qualifier in front when it is not 0:
 *       {@code pkg:rpm/redhat/tomcat@9.0.87-1.el8_10.1?arch=src&epoch=1} is {@code tomcat}, fixed
 *       {@code 1:9.0.87-1.el8_10.1}. The {@code arch} qualifier is dropped, so the builds of one package and
 *       version for each architecture are one affected package.</li>
 *   <li>{@code known_affected}, {@code first_affected} and {@code last_affected} give an affected package
 *       without a fix, whatever version the purl has: the status says the product is affected, not from or up
 *       to which version, so every version counts as affected until a fix is named.</li>
 *   <li>Every affected package carries the remediation the vulnerability states for its product; with several,
 *       the one that says most about a fix: vendor_fix, no_fix_planned, none_available, workaround,
 *       mitigation.</li>
 *   <li>Left out, and counted as {@link Omission}s: {@code known_not_affected}, {@code under_investigation},
 *       {@code recommended}; products that are not RPMs ({@code pkg:oci} container images, which are not
 *       packages inside an image, Maven artifacts, products without a purl); RPMs whose platform CPE names no
 *       release. A document left without any affected package yields no advisory.</li>
 * </ul>
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class CsafParser {

    private static final Set<String> CATEGORIES = Set.of("csaf_security_advisory", "csaf_vex");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    private static final Pattern EPOCH = Pattern.compile("\\d+");
    private static final Map<String, Remediation> REMEDIATIONS = Map.of(
            "vendor_fix", Remediation.VENDOR_FIX,
            "no_fix_planned", Remediation.NO_FIX_PLANNED,
            "none_available", Remediation.NONE_AVAILABLE,
            "workaround", Remediation.WORKAROUND,
            "mitigation", Remediation.MITIGATION);
    /** The order in which remediations are preferred; the most telling about a fix first. */
    private static final List<Remediation> PREFERENCE = List.of(Remediation.VENDOR_FIX, Remediation.NO_FIX_PLANNED,
            Remediation.NONE_AVAILABLE, Remediation.WORKAROUND, Remediation.MITIGATION);

    private enum Status { FIXED, AFFECTED, NOT_AFFECTED, UNDER_INVESTIGATION, OTHER }

    private static final Map<String, Status> STATUSES = Map.of(
            "fixed", Status.FIXED,
            "first_fixed", Status.FIXED,
            "known_affected", Status.AFFECTED,
            "first_affected", Status.AFFECTED,
            "last_affected", Status.AFFECTED,
            "known_not_affected", Status.NOT_AFFECTED,
            "under_investigation", Status.UNDER_INVESTIGATION,
            "recommended", Status.OTHER);

    private final String sourceFeed;

    /** Creates a parser for the documents of {@code sourceFeed}, the name each advisory will carry. */
    public CsafParser(String sourceFeed) {
        this.sourceFeed = Objects.requireNonNull(sourceFeed, "sourceFeed");
        if (sourceFeed.isBlank()) {
            throw new IllegalArgumentException("sourceFeed must not be blank");
        }
    }

    /**
     * Returns the advisory the document states, or none with the reason, for a document read from
     * {@code source}.
     *
     * @throws FeedException MALFORMED when the document breaks CSAF 2.0 or names products it does not define,
     *                       UNSUPPORTED for another CSAF version or document category
     */
    public DocumentResult parse(JsonNode root, String source) throws FeedException {
        JsonDocument doc = new JsonDocument(root, source, sourceFeed);
        if (!root.isObject()) {
            throw doc.malformed("a CSAF document must be a JSON object, was " + root.getNodeType());
        }
        JsonNode document = doc.object(root, "document", "document");
        String version = doc.text(document, "csaf_version", "document.csaf_version");
        if (!version.equals("2.0")) {
            throw doc.unsupported("document.csaf_version " + version + " is not 2.0");
        }
        String category = doc.text(document, "category", "document.category");
        if (!CATEGORIES.contains(category)) {
            throw doc.unsupported("document.category '" + category + "' is not read; only csaf_security_advisory"
                    + " and csaf_vex state which packages are affected");
        }
        JsonNode tracking = doc.object(document, "tracking", "document.tracking");
        String id = doc.text(tracking, "id", "document.tracking.id");
        Instant published = doc.instant(tracking, "initial_release_date", "document.tracking.initial_release_date");
        Instant modified = doc.instant(tracking, "current_release_date", "document.tracking.current_release_date");
        ProductTree tree = ProductTree.of(doc);

        Reading reading = new Reading(doc, tree);
        JsonNode aliases = doc.optionalArray(tracking, "aliases", "document.tracking.aliases");
        for (int i = 0; i < aliases.size(); i++) {
            reading.alias(doc.textOf(aliases.get(i), "document.tracking.aliases[" + i + "]"));
        }
        JsonNode vulnerabilities = doc.optionalArray(root, "vulnerabilities", "vulnerabilities");
        for (int i = 0; i < vulnerabilities.size(); i++) {
            reading.vulnerability(vulnerabilities.get(i), "vulnerabilities[" + i + "]");
        }
        if (reading.affected.isEmpty()) {
            reading.omitted.add(Omission.Reason.NO_AFFECTED_PACKAGES, id);
            return new DocumentResult(null, reading.omitted.toList(source, id));
        }

        JsonNode aggregate = document.path("aggregate_severity").path("text");
        Severity severity = Severities.ofWord(aggregate.textValue()).orElse(reading.threatSeverity);
        try {
            AdvisoryData advisory = new AdvisoryData(id, reading.aliases(id), severity, published, modified,
                    sourceFeed, new ArrayList<>(reading.affected));
            return new DocumentResult(advisory, reading.omitted.toList(source, id));
        } catch (IllegalArgumentException e) {
            throw doc.malformed(e.getMessage());
        }
    }

    /** The state of mapping one document: what has been found so far. */
    private static final class Reading {
        private final JsonDocument doc;
        private final ProductTree tree;
        private final Set<AffectedPackage> affected = new LinkedHashSet<>();
        private final OmissionTally omitted = new OmissionTally();
        private final Set<String> cves = new LinkedHashSet<>();
        private final Set<String> otherAliases = new LinkedHashSet<>();
        private Severity threatSeverity = Severity.UNKNOWN;

        Reading(JsonDocument doc, ProductTree tree) {
            this.doc = doc;
            this.tree = tree;
        }

        void alias(String alias) {
            (CVE.matcher(alias).matches() ? cves : otherAliases).add(alias);
        }

        List<String> aliases(String id) {
            List<String> result = new ArrayList<>(cves);
            result.addAll(otherAliases);
            result.remove(id);
            return result;
        }

        void vulnerability(JsonNode vulnerability, String path) throws FeedException {
            if (!vulnerability.isObject()) {
                throw doc.malformed(path + " must be an object, was " + vulnerability.getNodeType());
            }
            String cve = doc.optionalText(vulnerability, "cve", path + ".cve");
            if (cve != null) {
                alias(cve);
            }
            JsonNode threats = doc.optionalArray(vulnerability, "threats", path + ".threats");
            for (JsonNode threat : threats) {
                if ("impact".equals(threat.path("category").textValue())) {
                    threatSeverity = Severities.worse(threatSeverity,
                            Severities.ofWord(threat.path("details").textValue()).orElse(Severity.UNKNOWN));
                }
            }
            Map<String, Set<Remediation>> remediations = remediations(vulnerability, path);

            JsonNode status = vulnerability.get("product_status");
            if (status == null || status.isNull()) {
                return;
            }
            if (!status.isObject()) {
                throw doc.malformed(path + ".product_status must be an object, was " + status.getNodeType());
            }
            for (Iterator<String> names = status.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String statusPath = path + ".product_status." + name;
                Status kind = STATUSES.get(name);
                if (kind == null) {
                    throw doc.malformed(statusPath + " is not a CSAF 2.0 product status");
                }
                JsonNode ids = doc.optionalArray(status, name, statusPath);
                for (int j = 0; j < ids.size(); j++) {
                    String productId = doc.textOf(ids.get(j), statusPath + "[" + j + "]");
                    if (!tree.defines(productId)) {
                        throw doc.malformed(statusPath + "[" + j + "] names product '" + productId + "', which"
                                + " the product tree does not define");
                    }
                    switch (kind) {
                        case NOT_AFFECTED -> omitted.add(Omission.Reason.NOT_AFFECTED, productId);
                        case UNDER_INVESTIGATION -> omitted.add(Omission.Reason.UNDER_INVESTIGATION, productId);
                        case OTHER -> omitted.add(Omission.Reason.OTHER_STATUS, productId);
                        case FIXED, AFFECTED -> affectedPackage(productId, kind == Status.FIXED,
                                preferred(remediations.get(productId)), statusPath + "[" + j + "]");
                        default -> throw new IllegalStateException("unhandled status " + kind);
                    }
                }
            }
        }

        private void affectedPackage(String productId, boolean fixed, Remediation remediation, String path)
                throws FeedException {
            ProductTree.Relationship relationship = tree.relationship(productId);
            ProductTree.Product component = relationship != null ? relationship.component()
                    : tree.product(productId);
            ProductTree.Product platform = relationship != null ? relationship.platform() : null;
            if (component.purl() == null) {
                omitted.add(Omission.Reason.NOT_A_PACKAGE, productId);
                return;
            }
            Purl purl;
            try {
                purl = Purl.parse(component.purl());
            } catch (IllegalArgumentException e) {
                throw doc.malformed(path + " (product '" + productId + "'): " + e.getMessage());
            }
            if (!purl.type().equals("rpm")) {
                omitted.add(Omission.Reason.NOT_A_PACKAGE, productId);
                return;
            }
            Optional<String> release = platform == null ? Optional.empty() : RedHatReleases.ofCpe(platform.cpe());
            if (release.isEmpty()) {
                omitted.add(Omission.Reason.UNKNOWN_PLATFORM, productId);
                return;
            }
            String fixedVersion = null;
            if (fixed) {
                if (purl.version() == null) {
                    throw doc.malformed(path + " says product '" + productId + "' is fixed, but its purl "
                            + component.purl() + " has no version");
                }
                fixedVersion = evr(purl, path, productId);
            }
            affected.add(new AffectedPackage(release.get(), purl.name(), VersionScheme.RPM, null, fixedVersion,
                    null, remediation));
        }

        /** Returns the purl's version with its epoch in front, {@code 1:3.0.7-27.el9}; epoch 0 is left out. */
        private String evr(Purl purl, String path, String productId) throws FeedException {
            String epoch = purl.qualifier("epoch");
            if (epoch == null || epoch.equals("0") || purl.version().contains(":")) {
                return purl.version();
            }
            if (!EPOCH.matcher(epoch).matches()) {
                throw doc.malformed(path + " (product '" + productId + "'): epoch '" + epoch + "' is not a number");
            }
            return epoch + ":" + purl.version();
        }

        private Map<String, Set<Remediation>> remediations(JsonNode vulnerability, String path)
                throws FeedException {
            Map<String, Set<Remediation>> byProduct = new HashMap<>();
            JsonNode remediations = doc.optionalArray(vulnerability, "remediations", path + ".remediations");
            for (int i = 0; i < remediations.size(); i++) {
                String remediationPath = path + ".remediations[" + i + "]";
                JsonNode node = remediations.get(i);
                String category = doc.text(node, "category", remediationPath + ".category");
                Remediation remediation = REMEDIATIONS.get(category);
                if (remediation == null) {
                    throw doc.malformed(remediationPath + ".category '" + category + "' is not a CSAF 2.0"
                            + " remediation category");
                }
                List<String> productIds = new ArrayList<>();
                JsonNode ids = doc.optionalArray(node, "product_ids", remediationPath + ".product_ids");
                for (int j = 0; j < ids.size(); j++) {
                    productIds.add(doc.textOf(ids.get(j), remediationPath + ".product_ids[" + j + "]"));
                }
                JsonNode groupIds = doc.optionalArray(node, "group_ids", remediationPath + ".group_ids");
                for (int j = 0; j < groupIds.size(); j++) {
                    String groupId = doc.textOf(groupIds.get(j), remediationPath + ".group_ids[" + j + "]");
                    List<String> members = tree.group(groupId);
                    if (members == null) {
                        throw doc.malformed(remediationPath + ".group_ids[" + j + "] names group '" + groupId
                                + "', which the product tree does not define");
                    }
                    productIds.addAll(members);
                }
                for (String productId : productIds) {
                    byProduct.computeIfAbsent(productId, k -> EnumSet.noneOf(Remediation.class)).add(remediation);
                }
            }
            return byProduct;
        }

        private static Remediation preferred(Set<Remediation> stated) {
            if (stated == null) {
                return null;
            }
            return PREFERENCE.stream().filter(stated::contains).findFirst().orElse(null);
        }
    }
}
