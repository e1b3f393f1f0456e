package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Withheld figures linked by relations, directly or through each other. Nothing published about
 * one component says anything about another, so each one is an LP of its own, small where the
 * release's is huge.
 *
 * @param variables dense indices of the withheld figures, ascending
 * @param relations indices of the relations with at least one of them, ascending
 */
record Component(int[] variables, int[] relations) {

  /** The components of the withheld figures of {@code release}, ordered by their first figure. */
  static List<Component> of(Release release) {
    int n = release.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    List<Integer> linking = new ArrayList<>();
    for (int r = 0; r < release.relations().size(); r++) {
      int first = -1;
      for (int f : release.figuresOfRelation(r)) {
        if (release.withheldAt(f)) {
          if (first < 0) {
            first = f;
          } else {
            union(parent, first, f);
          }
        }
      }
      // A relation of published figures only says nothing about the unknowns.
      if (first >= 0) {
        linking.add(r);
      }
    }
    Map<Integer, List<Integer>> variables = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      if (release.withheldAt(i)) {
        variables.computeIfAbsent(find(parent, i), root -> new ArrayList<>()).add(i);
      }
    }
    Map<Integer, List<Integer>> relations = new TreeMap<>();
    for (int r : linking) {
      int root = -1;
      for (int f : release.figuresOfRelation(r)) {
        if (release.withheldAt(f)) {
          root = find(parent, f);
          break;
        }
      }
      relations.computeIfAbsent(root, x -> new ArrayList<>()).add(r);
    }
    List<Component> out = new ArrayList<>(variables.size());
    for (Map.Entry<Integer, List<Integer>> e : variables.entrySet()) {
      out.add(new Component(ints(e.getValue()), ints(relations.getOrDefault(e.getKey(), List.of()))));
    }
    out.sort((a, b) -> Integer.compare(a.variables[0], b.variables[0]));
    return out;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
