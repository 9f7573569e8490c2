package dev.goldsmith.feeds.advisory.csaf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.JsonDocument;

/**
 * The products a CSAF document defines, by product id: those in {@code branches} (at any depth) and in
 * {@code full_product_names}, each with its CPE and purl, and the products {@code relationships} combine, a
 * component ({@code product_reference}) within a platform ({@code relates_to_product_reference}).
 */
final class ProductTree {

    /** A product the tree defines, with the helpers that identify it; either may be null. */
    record Product(String id, String cpe, String purl) {
    }

    /** A product made of a component and the platform it belongs to. */
    record Relationship(String id, String category, Product component, Product platform) {
    }

    private final Map<String, Product> products = new HashMap<>();
    private final Map<String, Relationship> relationships = new HashMap<>();
    private final Map<String, List<String>> groups = new HashMap<>();

    private ProductTree() {
    }

    /** Returns the tree of the document, checking that every relationship refers to products it defines. */
    static ProductTree of(JsonDocument doc) throws FeedException {
        ProductTree tree = new ProductTree();
        JsonNode root = doc.root().get("product_tree");
        if (root == null || root.isNull()) {
            return tree;
        }
        if (!root.isObject()) {
            throw doc.malformed("product_tree must be an object, was " + root.getNodeType());
        }
        tree.collectBranches(doc, root);
        JsonNode names = doc.optionalArray(root, "full_product_names", "product_tree.full_product_names");
        for (int i = 0; i < names.size(); i++) {
            tree.define(doc, names.get(i), "product_tree.full_product_names[" + i + "]");
        }
        JsonNode relationships = doc.optionalArray(root, "relationships", "product_tree.relationships");
        for (int i = 0; i < relationships.size(); i++) {
            tree.relate(doc, relationships.get(i), "product_tree.relationships[" + i + "]");
        }
        JsonNode groups = doc.optionalArray(root, "product_groups", "product_tree.product_groups");
        for (int i = 0; i < groups.size(); i++) {
            tree.group(doc, groups.get(i), "product_tree.product_groups[" + i + "]");
        }
        return tree;
    }

    /** Returns the product defined by a branch or a full product name, or null. */
    Product product(String id) {
        return products.get(id);
    }

    /** Returns the relationship whose full product name has {@code id}, or null. */
    Relationship relationship(String id) {
        return relationships.get(id);
    }

    /** Returns whether the tree defines {@code id}, as a product or as a relationship. */
    boolean defines(String id) {
        return products.containsKey(id) || relationships.containsKey(id);
    }

    /** Returns the product ids of group {@code groupId}, or null if the tree defines no such group. */
    List<String> group(String groupId) {
        return groups.get(groupId);
    }

    /** Walks the branches without recursion, since their depth is the document's to choose. */
    private void collectBranches(JsonDocument doc, JsonNode root) throws FeedException {
        Deque<Map.Entry<JsonNode, String>> pending = new ArrayDeque<>();
        pending.push(Map.entry(doc.optionalArray(root, "branches", "product_tree.branches"),
                "product_tree.branches"));
        while (!pending.isEmpty()) {
            Map.Entry<JsonNode, String> next = pending.pop();
            JsonNode branches = next.getKey();
            for (int i = branches.size() - 1; i >= 0; i--) {
                String path = next.getValue() + "[" + i + "]";
                JsonNode branch = branches.get(i);
                if (!branch.isObject()) {
                    throw doc.malformed(path + " must be an object, was " + branch.getNodeType());
                }
                if (branch.hasNonNull("product")) {
                    define(doc, branch.get("product"), path + ".product");
                }
                pending.push(Map.entry(doc.optionalArray(branch, "branches", path + ".branches"),
                        path + ".branches"));
            }
        }
    }

    private void define(JsonDocument doc, JsonNode node, String path) throws FeedException {
        if (!node.isObject()) {
            throw doc.malformed(path + " must be an object, was " + node.getNodeType());
        }
        String id = doc.text(node, "product_id", path + ".product_id");
        JsonNode helper = node.path("product_identification_helper");
        String cpe = helper.isObject() ? doc.optionalText(helper, "cpe", path + ".product_identification_helper.cpe")
                : null;
        String purl = helper.isObject()
                ? doc.optionalText(helper, "purl", path + ".product_identification_helper.purl") : null;
        Product product = new Product(id, cpe, purl);
        Product earlier = products.putIfAbsent(id, product);
        if (earlier != null && !earlier.equals(product)) {
            throw doc.malformed(path + " defines product '" + id + "' a second time, differently");
        }
    }

    private void relate(JsonDocument doc, JsonNode node, String path) throws FeedException {
        if (!node.isObject()) {
            throw doc.malformed(path + " must be an object, was " + node.getNodeType());
        }
        String category = doc.text(node, "category", path + ".category");
        JsonNode name = doc.object(node, "full_product_name", path + ".full_product_name");
        String id = doc.text(name, "product_id", path + ".full_product_name.product_id");
        Product component = referenced(doc, node, "product_reference", path);
        Product platform = referenced(doc, node, "relates_to_product_reference", path);
        Relationship relationship = new Relationship(id, category, component, platform);
        Relationship earlier = relationships.putIfAbsent(id, relationship);
        if ((earlier != null && !earlier.equals(relationship)) || products.containsKey(id)) {
            throw doc.malformed(path + " defines product '" + id + "' a second time, differently");
        }
    }

    private Product referenced(JsonDocument doc, JsonNode node, String field, String path) throws FeedException {
        String id = doc.text(node, field, path + "." + field);
        Product product = products.get(id);
        if (product == null && relationships.containsKey(id)) {
            throw doc.unsupported(path + "." + field + " refers to '" + id + "', itself a relationship; nested"
                    + " relationships are not read");
        }
        if (product == null) {
            throw doc.malformed(path + "." + field + " refers to product '" + id + "', which the product tree"
                    + " does not define");
        }
        return product;
    }

    private void group(JsonDocument doc, JsonNode node, String path) throws FeedException {
        String id = doc.text(node, "group_id", path + ".group_id");
        JsonNode members = doc.optionalArray(node, "product_ids", path + ".product_ids");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            ids.add(doc.textOf(members.get(i), path + ".product_ids[" + i + "]"));
        }
        groups.put(id, List.copyOf(ids));
    }
}
