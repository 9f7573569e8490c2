package dev.goldsmith.builders.provision;

import dev.goldsmith.catalog.blueprint.Customizations.DirectoryNode;
import dev.goldsmith.catalog.blueprint.Customizations.FileNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code files} step: directories first, then files, each with its mode, user and group. A file's contents
 * travel as a file of their own on the disk and are copied with {@code install}, never written by the script.
 */
final class FileSteps {

    private FileSteps() {
    }

    static void addTo(PlanBuilder plan, List<DirectoryNode> directories, List<FileNode> files) {
        if (directories.isEmpty() && files.isEmpty()) {
            return;
        }
        StringBuilder script = PlanBuilder.script("files");
        for (DirectoryNode dir : directories) {
            String path = Shell.arg(dir.path(), "directory");
            if (!Boolean.TRUE.equals(dir.ensureParents())) {
                String parent = parent(dir.path());
                script.append("[ -d ").append(Shell.quote(parent)).append(" ] || { echo ")
                        .append(Shell.quote("parent directory of " + dir.path() + " does not exist"))
                        .append(" >&2; exit 1; }\n");
            }
            script.append("install -d").append(owner(dir.mode(), "0755", dir.user(), dir.group())).append(" -- ")
                    .append(path).append('\n');
        }
        for (FileNode file : files) {
            String data = file.data() == null ? "" : file.data();
            String source = plan.ship(data.getBytes(StandardCharsets.UTF_8));
            script.append("install -D").append(owner(file.mode(), "0644", file.user(), file.group())).append(" -- ")
                    .append(source).append(' ').append(Shell.arg(file.path(), "file")).append('\n');
        }
        plan.step("files", script);
    }

    private static String owner(String mode, String defaultMode, String user, String group) {
        return " -m " + Shell.quote(mode == null ? defaultMode : mode)
                + " -o " + Shell.quote(user == null ? "root" : user)
                + " -g " + Shell.quote(group == null ? "root" : group);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
