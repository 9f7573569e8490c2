package dev.goldsmith.routes.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBlueprintConfigTest {

    @TempDir
    Path dir;

    @Test
    void hostileBlueprintIsReportedUnderItsImageNamingTheBlueprintField() {
        ConfigFixture fixture = new ConfigFixture(dir);
        fixture.write("blueprints/web.toml", """
                name = "web"
                distro = "debian-12"

                [[customizations.files]]
                path = "/etc/../root/.ssh/authorized_keys"
                data = "ssh-ed25519 AAAA"
                """);

        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                images:
                  - {name: web, blueprint: blueprints/web.toml}
                builders:
                  - {name: local}
                """);

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("images[0].blueprint", problems.get(0).fieldPath());
        assertTrue(problems.get(0).reason().contains("customizations.files[0].path"), problems.get(0).reason());
    }

    @Test
    void blueprintNamingAQaSuiteThatIsNotConfiguredIsReported() {
        ConfigFixture fixture = new ConfigFixture(dir);
        fixture.write("blueprints/web.toml", """
                name = "web"
                distro = "debian-12"

                [goldsmith]
                qa-suite = "smoke"
                """);

        List<ConfigProblem> problems = fixture.problems("""
                state-dir: state
                images:
                  - {name: web, blueprint: blueprints/web.toml}
                builders:
                  - {name: local}
                """);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).reason().contains("QA suite 'smoke'"), problems.get(0).reason());
    }
}
