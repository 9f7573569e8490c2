package dev.goldsmith.feeds.advisory.csaf;

import static dev.goldsmith.feeds.advisory.Fixtures.assertFeedException;
import static dev.goldsmith.feeds.advisory.Fixtures.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.AdvisoryData.AffectedPackage;
import dev.goldsmith.catalog.event.Remediation;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.version.VersionScheme;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.DocumentResult;
import dev.goldsmith.feeds.advisory.Fixtures;
import dev.goldsmith.feeds.advisory.Omission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsafParserTest {

    private static final String FEED = "redhat-csaf";
    private final CsafParser parser = new CsafParser(FEED);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // file                           | advisory       | fixed | unfixed | not affected | not a package
        "advisories/RHBA-2024_1440.json   | -              |  0    | 0       |  26          |  2",
        "advisories/rhsa-2023_5835.json   | RHSA-2023:5835 |  1    | 0       |   0          |  0",
        "advisories/rhsa-2023_7831.json   | -              |  0    | 0       | 415          | 20",
        "advisories/rhsa-2024_2776.json   | RHSA-2024:2776 |  4    | 0       | 246          |  0",
        "advisories/rhsa-2024_3351.json   | RHSA-2024:3351 | 16    | 0       | 140          |  0",
        "advisories/rhsa-2024_3666.json   | RHSA-2024:3666 |  8    | 0       |   0          |  0",
        "advisories/rhsa-2025_3215.json.xz| RHSA-2025:3215 | 79    | 0       | 220          |  0",
        "vex/CVE-2023-20862.json          | -              |  0    | 0       |   9          | 13",
        "vex/CVE-2024-34500.json          | CVE-2024-34500 |  0    | 1       |   0          |  0",
        "vex/CVE-2024-34502.json          | CVE-2024-34502 |  0    | 1       |   0          |  0",
        "vex/CVE-2024-5154.json           | CVE-2024-5154  | 15    | 1       | 555          |  0",
        "vex/cve-2023-0044.json           | -              |  0    | 0       |   9          |  3",
        "vex/cve-2023-38545.json          | CVE-2023-38545 | 45    | 0       | 247          |  1",
        "vex/cve-2023-4154.json           | -              |  0    | 0       | 165          |  0",
        "vex/cve-2023-42670.json          | -              |  0    | 0       | 165          |  0",
    })
    void readsEachFixtureDocument(String file, String advisoryId, int fixed, int unfixed, int notAffected,
            int notAPackage) throws Exception {
        DocumentResult result = parser.parse(Fixtures.tree(Fixtures.csaf(file)), file);

        Map<Omission.Reason, Integer> omitted = new TreeMap<>();
        result.omissions().forEach(o -> omitted.merge(o.reason(), o.count(), Integer::sum));
        assertEquals(notAffected, omitted.getOrDefault(Omission.Reason.NOT_AFFECTED, 0), "not affected");
        assertEquals(notAPackage, omitted.getOrDefault(Omission.Reason.NOT_A_PACKAGE, 0), "not a package");
        if (advisoryId == null) {
            assertNull(result.advisory());
            assertEquals(1, omitted.get(Omission.Reason.NO_AFFECTED_PACKAGES));
            return;
        }
        AdvisoryData advisory = result.advisory();
        assertEquals(advisoryId, advisory.advisoryId());
        assertEquals(FEED, advisory.sourceFeed());
        assertEquals(fixed, advisory.affected().stream().filter(AffectedPackage::hasFix).count(), "fixed");
        assertEquals(unfixed, advisory.affected().stream().filter(a -> !a.hasFix()).count(), "without fix");
    }

    @Test
    void collapsesArchitecturesAndPutsTheEpochQualifierInFrontOfTheVersion() throws Exception {
        AdvisoryData tomcat = parse("advisories/rhsa-2024_3666.json");

        assertEquals(List.of("CVE-2024-23672", "CVE-2024-24549"), tomcat.aliases());
        assertEquals(Severity.HIGH, tomcat.severity());
        assertEquals(Instant.parse("2024-06-06T08:43:10Z"), tomcat.published());
        assertEquals(Instant.parse("2024-06-06T10:06:58Z"), tomcat.modified());
        assertEquals(List.of(new AffectedPackage("rhel-8", "tomcat", VersionScheme.RPM, null,
                "1:9.0.87-1.el8_10.1", null, Remediation.VENDOR_FIX)), named(tomcat.affected(), "tomcat"),
                "the src and noarch builds are one package");
        assertEquals(Set.of("1:9.0.87-1.el8_10.1"), fixedVersions(tomcat));
    }

    @Test
    void leavesOutAnEpochQualifierOfZero() throws Exception {
        DocumentResult result = parser.parse(document(d -> {
            componentHelper(d, 0).put("purl", "pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=src&epoch=0");
            componentHelper(d, 1).put("purl", "pkg:rpm/redhat/openssl@3.0.7-27.el9?epoch=0&arch=x86_64");
        }), "mini.json");

        assertEquals("3.0.7-27.el9", named(result.advisory().affected(), "openssl").get(0).fixed());
        assertEquals(1, named(result.advisory().affected(), "openssl").size());
    }

    @Test
    void readsAPurlWithoutEpochAsIsAndCollapsesTheVariantsOfRhel7() throws Exception {
        AdvisoryData advisory = parse("advisories/rhsa-2023_5835.json");

        assertEquals(List.of(new AffectedPackage("rhel-7", "rhc-worker-script", VersionScheme.RPM, null,
                "0.5-1.el7_9", null, Remediation.VENDOR_FIX)), advisory.affected(),
                "Client, Server and Workstation, src and x86_64: six products, one package");
    }

    @Test
    void leavesOutContainerImagesBecauseTheyAreNoPackagesInAnImage() throws Exception {
        DocumentResult result = parser.parse(Fixtures.tree(Fixtures.csaf("advisories/RHBA-2024_1440.json")), "t");

        assertNull(result.advisory());
        Omission notAPackage = result.omissions().stream()
                .filter(o -> o.reason() == Omission.Reason.NOT_A_PACKAGE).findFirst().orElseThrow();
        assertTrue(notAPackage.example().contains("mtv-api-rhel9@sha256:"), notAPackage.example());
        assertEquals("RHBA-2024:1440", notAPackage.advisoryId());
    }

    @Test
    void keepsAKnownAffectedPackageWithoutFixAndItsRemediation() throws Exception {
        AdvisoryData advisory = parse("vex/CVE-2024-34500.json");

        assertEquals(List.of(new AffectedPackage("openshift-3.11", "mediawiki", VersionScheme.RPM, null, null, null,
                Remediation.NO_FIX_PLANNED)), advisory.affected());
        assertEquals(List.of(), advisory.aliases(), "a VEX document is named after its CVE");
        assertEquals(Severity.MEDIUM, advisory.severity());
    }

    @Test
    void separatesTheOpenShiftReleasesOfAVexDocument() throws Exception {
        AdvisoryData advisory = parse("vex/CVE-2024-5154.json");

        List<AffectedPackage> crio = named(advisory.affected(), "cri-o");
        assertEquals(new AffectedPackage("openshift-3.11", "cri-o", VersionScheme.RPM, null, null, null,
                Remediation.NO_FIX_PLANNED), crio.get(crio.size() - 1));
        assertEquals(Set.of("openshift-3.11", "openshift-4.12-el8", "openshift-4.14-el8", "openshift-4.14-el9",
                "openshift-4.15-el8", "openshift-4.15-el9"),
                new TreeSet<>(crio.stream().map(AffectedPackage::release).toList()));
        assertTrue(crio.contains(new AffectedPackage("openshift-4.14-el9", "cri-o", VersionScheme.RPM, null,
                "1.27.7-3.rhaos4.14.git674563e.el9", null, Remediation.VENDOR_FIX)), crio.toString());
        assertEquals(Severity.HIGH, advisory.severity(), "from the lowercase aggregate severity 'important'");
    }

    @Test
    void readsTheLargeKernelAdvisoryOfAnExtendedUpdateStream() throws Exception {
        AdvisoryData kernel = parse("advisories/rhsa-2025_3215.json.xz");

        assertEquals(11, kernel.aliases().size());
        assertEquals("CVE-2024-24857", kernel.aliases().get(0));
        assertEquals(Set.of("rhel-9.4-eus"), new TreeSet<>(kernel.affected().stream()
                .map(AffectedPackage::release).toList()));
        assertEquals(List.of(new AffectedPackage("rhel-9.4-eus", "kernel", VersionScheme.RPM, null,
                "5.14.0-427.61.1.el9_4", null, Remediation.VENDOR_FIX)), named(kernel.affected(), "kernel"));
    }

    @Test
    void mapsFixedKnownAffectedAndNotAffectedProductsOfAMinimalDocument() throws Exception {
        DocumentResult result = parser.parse(document(d -> { }), "mini.json");

        assertEquals(List.of(
                new AffectedPackage("rhel-9", "openssl", VersionScheme.RPM, null, "1:3.0.7-27.el9", null,
                        Remediation.VENDOR_FIX),
                new AffectedPackage("rhel-9", "curl", VersionScheme.RPM, null, null, null,
                        Remediation.NONE_AVAILABLE)),
                result.advisory().affected(), "none_available says more about a fix than the workaround");
        assertEquals(List.of(new Omission("mini.json", "CVE-2099-0001", Omission.Reason.NOT_AFFECTED, 1,
                "rhel9:ubi9")), result.omissions());
        assertEquals(List.of(), result.advisory().aliases());
        assertEquals(Severity.HIGH, result.advisory().severity());
    }

    @Test
    void countsWhatItDoesNotReadAsAffected() throws Exception {
        DocumentResult result = parser.parse(document(d -> {
            ObjectNode status = status(d);
            status.remove("known_affected");
            status.putArray("under_investigation").add("rhel9:curl");
            status.putArray("recommended").add("rhel9:openssl-src");
        }), "mini.json");

        assertEquals(List.of(Omission.Reason.NOT_AFFECTED, Omission.Reason.UNDER_INVESTIGATION,
                Omission.Reason.OTHER_STATUS), result.omissions().stream().map(Omission::reason).toList());
    }

    @Test
    void countsAnRpmWhosePlatformNamesNoReleaseAndYieldsNoAdvisoryWithoutAffectedPackages() throws Exception {
        DocumentResult result = parser.parse(document(d -> platformHelper(d).put("cpe", "cpe:/a:redhat:ocp_tools")),
                "mini.json");

        assertNull(result.advisory());
        assertEquals(List.of(
                new Omission("mini.json", "CVE-2099-0001", Omission.Reason.NOT_AFFECTED, 1, "rhel9:ubi9"),
                new Omission("mini.json", "CVE-2099-0001", Omission.Reason.UNKNOWN_PLATFORM, 3, "rhel9:openssl-src"),
                new Omission("mini.json", "CVE-2099-0001", Omission.Reason.NO_AFFECTED_PACKAGES, 1,
                        "CVE-2099-0001")), result.omissions());
    }

    @Test
    void takesTheWorstThreatImpactWhenThereIsNoAggregateSeverity() throws Exception {
        DocumentResult result = parser.parse(document(d -> {
            ((ObjectNode) d.get("document")).remove("aggregate_severity");
            ArrayNode threats = ((ObjectNode) d.get("vulnerabilities").get(0)).putArray("threats");
            threats.addObject().put("category", "impact").put("details", "Low");
            threats.addObject().put("category", "impact").put("details", "Critical");
            threats.addObject().put("category", "exploit_status").put("details", "Important");
        }), "mini.json");

        assertEquals(Severity.CRITICAL, result.advisory().severity());
    }

    @Test
    void expandsProductGroupsNamedByRemediations() throws Exception {
        DocumentResult result = parser.parse(document(d -> {
            ((ObjectNode) d.get("product_tree")).putArray("product_groups").addObject().put("group_id", "g1")
                    .putArray("product_ids").add("rhel9:curl");
            ArrayNode remediations = ((ObjectNode) d.get("vulnerabilities").get(0)).putArray("remediations");
            remediations.addObject().put("category", "no_fix_planned").put("details", "Out of support scope")
                    .putArray("group_ids").add("g1");
        }), "mini.json");

        assertEquals(Remediation.NO_FIX_PLANNED, named(result.advisory().affected(), "curl").get(0).remediation());
        assertNull(named(result.advisory().affected(), "openssl").get(0).remediation());
    }

    @Test
    void rejects_status_naming_a_product_the_tree_does_not_define() {
        FeedException e = assertThrows(FeedException.class, () -> parser.parse(document(d -> status(d)
                .withArray("fixed").add("rhel9:openssl-s390x")), "mini.json"));

        assertFeedException(e, FeedException.Kind.MALFORMED, "mini.json: vulnerabilities[0].product_status.fixed[2]"
                + " names product 'rhel9:openssl-s390x', which the product tree does not define", "redhat-csaf");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "tracking-id         | document.tracking.id is missing",
        "current-date        | document.tracking.current_release_date is missing",
        "relationship        | product_tree.relationships[0].product_reference refers to product 'gone'",
        "fixed-no-version    | says product 'rhel9:curl' is fixed, but its purl pkg:rpm/redhat/curl?arch=src has"
            + " no version",
        "bad-epoch           | epoch 'one' is not a number",
        "bad-purl            | purl 'rpm/redhat/openssl' does not start with pkg:",
        "unknown-status      | vulnerabilities[0].product_status.known_fixed is not a CSAF 2.0 product status",
        "unknown-remediation | remediations[0].category 'reboot' is not a CSAF 2.0 remediation category",
        "unknown-group       | names group 'g9', which the product tree does not define",
        "duplicate-product   | defines product 'rhel9' a second time, differently",
    })
    void rejects_malformed_documents_naming_what_is_wrong(String spoil, String reason) {
        FeedException e = assertThrows(FeedException.class, () -> parser.parse(document(d -> spoil(d, spoil)),
                "mini.json"));

        assertFeedException(e, FeedException.Kind.MALFORMED, "mini.json: ", reason, "(feed redhat-csaf)");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "category | csaf_base | document.category 'csaf_base' is not read",
        "csaf_version | 2.1 | document.csaf_version 2.1 is not 2.0",
    })
    void rejects_other_categories_and_versions_as_unsupported(String field, String value, String reason) {
        FeedException e = assertThrows(FeedException.class, () -> parser.parse(document(d -> ((ObjectNode) d
                .get("document")).put(field, value)), "mini.json"));

        assertFeedException(e, FeedException.Kind.UNSUPPORTED, reason);
    }

    private AdvisoryData parse(String file) throws IOException, FeedException {
        DocumentResult result = parser.parse(Fixtures.tree(Fixtures.csaf(file)), file);
        assertNotNull(result.advisory(), () -> "no advisory: " + result.omissions());
        return result.advisory();
    }

    private static Set<String> fixedVersions(AdvisoryData advisory) {
        return new TreeSet<>(advisory.affected().stream().map(AffectedPackage::fixed).toList());
    }

    private static void spoil(ObjectNode d, String how) {
        ObjectNode tracking = (ObjectNode) d.get("document").get("tracking");
        switch (how) {
            case "tracking-id" -> tracking.remove("id");
            case "current-date" -> tracking.remove("current_release_date");
            case "relationship" -> ((ObjectNode) d.get("product_tree").get("relationships").get(0))
                    .put("product_reference", "gone");
            case "fixed-no-version" -> status(d).withArray("fixed").add("rhel9:curl");
            case "bad-epoch" -> componentHelper(d, 0).put("purl", "pkg:rpm/redhat/openssl@3.0.7-27.el9?epoch=one");
            case "bad-purl" -> componentHelper(d, 0).put("purl", "rpm/redhat/openssl");
            case "unknown-status" -> status(d).putArray("known_fixed").add("rhel9:curl");
            case "unknown-remediation" -> ((ObjectNode) d.get("vulnerabilities").get(0).get("remediations").get(0))
                    .put("category", "reboot");
            case "unknown-group" -> ((ObjectNode) d.get("vulnerabilities").get(0).get("remediations").get(0))
                    .putArray("group_ids").add("g9");
            case "duplicate-product" -> ((ArrayNode) d.get("product_tree").get("branches")).addObject()
                    .put("category", "product_name").put("name", "again").putObject("product")
                    .put("name", "again").put("product_id", "rhel9");
            default -> throw new IllegalArgumentException(how);
        }
    }

    private static ObjectNode status(ObjectNode d) {
        return (ObjectNode) d.get("vulnerabilities").get(0).get("product_status");
    }

    private static ObjectNode platformHelper(ObjectNode d) {
        return (ObjectNode) d.get("product_tree").get("branches").get(0).get("branches").get(0).get("product")
                .get("product_identification_helper");
    }

    private static ObjectNode componentHelper(ObjectNode d, int index) {
        return (ObjectNode) d.get("product_tree").get("branches").get(0).get("branches").get(1).get("branches")
                .get(index).get("product").get("product_identification_helper");
    }

    /**
     * Returns a small VEX document in Red Hat's shape, changed by {@code change}: RHEL 9 with openssl (fixed,
     * src and x86_64), curl (known affected, no version) and a UBI image (not affected).
     */
    private static ObjectNode document(Consumer<ObjectNode> change) throws IOException {
        ObjectNode d = (ObjectNode) Fixtures.JSON.readTree("""
            {"document": {"category": "csaf_vex", "csaf_version": "2.0", "title": "CVE-2099-0001 test",
               "publisher": {"category": "vendor", "name": "Red Hat Product Security",
                             "namespace": "https://www.redhat.com"},
               "aggregate_severity": {"namespace": "https://access.redhat.com/security/updates/classification/",
                                      "text": "Important"},
               "tracking": {"id": "CVE-2099-0001", "status": "final", "version": "1",
                            "initial_release_date": "2099-01-01T00:00:00+00:00",
                            "current_release_date": "2099-01-02T12:00:00+00:00"}},
             "product_tree": {
               "branches": [{"category": "vendor", "name": "Red Hat", "branches": [
                 {"category": "product_name", "name": "Red Hat Enterprise Linux 9",
                  "product": {"name": "Red Hat Enterprise Linux 9", "product_id": "rhel9",
                              "product_identification_helper": {"cpe": "cpe:/o:redhat:enterprise_linux:9"}}},
                 {"category": "product_version_range", "name": "packages", "branches": [
                   {"category": "product_version", "name": "openssl-src", "product": {"name": "openssl",
                    "product_id": "openssl-src", "product_identification_helper":
                    {"purl": "pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=src&epoch=1"}}},
                   {"category": "product_version", "name": "openssl-x86_64", "product": {"name": "openssl",
                    "product_id": "openssl-x86_64", "product_identification_helper":
                    {"purl": "pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=x86_64&epoch=1"}}},
                   {"category": "product_version", "name": "curl", "product": {"name": "curl",
                    "product_id": "curl", "product_identification_helper": {"purl": "pkg:rpm/redhat/curl?arch=src"}}},
                   {"category": "product_version", "name": "ubi9", "product": {"name": "ubi9",
                    "product_id": "ubi9", "product_identification_helper": {"purl": "pkg:oci/ubi9@sha256:ab12"}}}
                 ]}]}],
               "relationships": [
                 {"category": "default_component_of", "product_reference": "openssl-src",
                  "relates_to_product_reference": "rhel9",
                  "full_product_name": {"name": "openssl-src in RHEL 9", "product_id": "rhel9:openssl-src"}},
                 {"category": "default_component_of", "product_reference": "openssl-x86_64",
                  "relates_to_product_reference": "rhel9",
                  "full_product_name": {"name": "openssl-x86_64 in RHEL 9", "product_id": "rhel9:openssl-x86_64"}},
                 {"category": "default_component_of", "product_reference": "curl",
                  "relates_to_product_reference": "rhel9",
                  "full_product_name": {"name": "curl in RHEL 9", "product_id": "rhel9:curl"}},
                 {"category": "default_component_of", "product_reference": "ubi9",
                  "relates_to_product_reference": "rhel9",
                  "full_product_name": {"name": "ubi9 in RHEL 9", "product_id": "rhel9:ubi9"}}]},
             "vulnerabilities": [{"cve": "CVE-2099-0001",
               "product_status": {"fixed": ["rhel9:openssl-src", "rhel9:openssl-x86_64"],
                                  "known_affected": ["rhel9:curl"], "known_not_affected": ["rhel9:ubi9"]},
               "remediations": [
                 {"category": "vendor_fix", "details": "Update.",
                  "product_ids": ["rhel9:openssl-src", "rhel9:openssl-x86_64"]},
                 {"category": "workaround", "details": "Do not use the affected option.",
                  "product_ids": ["rhel9:curl"]},
                 {"category": "none_available", "details": "Affected", "product_ids": ["rhel9:curl"]}]}]}
            """);
        change.accept(d);
        return d;
    }
}
