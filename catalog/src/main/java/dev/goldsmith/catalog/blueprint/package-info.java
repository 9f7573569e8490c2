/**
 * Blueprints: the osbuild-compatible TOML files that say what an image contains.
 *
 * <p>{@link dev.goldsmith.catalog.blueprint.BlueprintReader} turns a file into a
 * {@link dev.goldsmith.catalog.blueprint.Blueprint} or refuses it with every problem found;
 * {@link dev.goldsmith.catalog.blueprint.BlueprintWriter} writes one back, for instance after
 * {@link dev.goldsmith.catalog.blueprint.Blueprint#withPins} and
 * {@link dev.goldsmith.catalog.blueprint.Blueprint#withVersionBumped}. The value rules live in one class,
 * {@code BlueprintRules}, each with its reason.
 *
 * <p>Known gaps: osbuild customizations Goldsmith does not apply yet ({@code filesystem}, {@code disk},
 * {@code openscap}, {@code installer}, {@code fdo}, {@code ignition}, {@code containers}, {@code modules} and
 * others) are refused by name rather than accepted and ignored. Symbolic links inside the image are the
 * builder's to handle when it applies files and directories; this package only guarantees normal paths.
 */
package dev.goldsmith.catalog.blueprint;
