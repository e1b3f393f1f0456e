package io.conversa.disclosure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One client's gold as disclosure control reads it: the rows of every gold table of figures,
 * over every period this run decides (and the earlier rows that bound them), and the atoms each
 * row sums. Clients never share a row or an atom, so each is decided on its own.
 */
public final class ClientModel implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String client;
  private final Map<String, AtomSpace> spaces;
  private final Map<String, List<Atom>> atoms;
  private final List<GoldRow> rows;
  private final int completeFrom;
  private transient Map<String, TreeMap<Integer, List<Integer>>> atomsByDay;
  private transient TreeMap<Integer, List<Integer>> rowsByFirstDay;
  private transient Map<Long, int[]> rowAtoms;
  private transient int longestRow;

  /**
   * @param completeFrom the first epoch day from which the model holds every atom and every row;
   *     rows that start before it are bounds only
   */
  public ClientModel(String client, Map<String, AtomSpace> spaces, Map<String, List<Atom>> atoms, List<GoldRow> rows, int completeFrom) {
    this.client = client;
    this.completeFrom = completeFrom;
    this.spaces = Map.copyOf(spaces);
    Map<String, List<Atom>> copied = new HashMap<>();
    atoms.forEach((space, list) -> copied.put(space, List.copyOf(list)));
    this.atoms = Map.copyOf(copied);
    this.rows = List.copyOf(rows);
  }

  public String client() {
    return client;
  }

  public int completeFrom() {
    return completeFrom;
  }

  public List<GoldRow> rows() {
    return rows;
  }

  public GoldRow row(int index) {
    return rows.get(index);
  }

  public AtomSpace space(String name) {
    AtomSpace space = spaces.get(name);
    if (space == null) {
      throw new IllegalArgumentException("no atom space " + name);
    }
    return space;
  }

  public List<Atom> atoms(String space) {
    return atoms.getOrDefault(space, List.of());
  }

  /** Indices (into {@link #atoms}) of the atoms of {@code space} from {@code firstDay} to {@code lastDay}. */
  List<Integer> atomsBetween(String space, int firstDay, int lastDay) {
    index();
    List<Integer> out = new ArrayList<>();
    TreeMap<Integer, List<Integer>> byDay = atomsByDay.get(space);
    if (byDay != null) {
      byDay.subMap(firstDay, true, lastDay, true).values().forEach(out::addAll);
    }
    return out;
  }

  /** The atoms a family of a row sums: those of its space in its period that match its members. */
  int[] atomsOf(int row, int family) {
    index();
    return rowAtoms.computeIfAbsent(((long) row << 16) | family, key -> {
      GoldRow r = rows.get(row);
      RowFamily f = r.families().get(family);
      if (f.space() == null) {
        return new int[0];
      }
      AtomSpace space = space(f.space());
      int[] dimensions = r.dimensions().stream().mapToInt(space::dimension).toArray();
      String[] wanted = r.dimensions().stream().map(d -> r.members().get(d)).toArray(String[]::new);
      List<Atom> list = atoms(f.space());
      return atomsBetween(f.space(), r.firstDay(), r.lastDay()).stream().mapToInt(Integer::intValue).filter(a -> {
        Atom atom = list.get(a);
        for (int d = 0; d < dimensions.length; d++) {
          if (dimensions[d] < 0 || !wanted[d].equals(atom.dimension(dimensions[d]))) {
            return false;
          }
        }
        return true;
      }).toArray();
    });
  }

  /** Indices of the rows whose period overlaps [firstDay, lastDay]. */
  List<Integer> rowsOverlapping(int firstDay, int lastDay) {
    index();
    List<Integer> out = new ArrayList<>();
    rowsByFirstDay.subMap(firstDay - longestRow, true, lastDay, true).values().forEach(candidates -> {
      for (int r : candidates) {
        if (rows.get(r).lastDay() >= firstDay) {
          out.add(r);
        }
      }
    });
    return out;
  }

  /** The true total of a quantity over some atoms. */
  double sum(String space, int[] atomIndices, int quantity) {
    List<Atom> list = atoms(space);
    double sum = 0;
    for (int a : atomIndices) {
      sum += list.get(a).value(quantity);
    }
    return sum;
  }

  private void index() {
    if (atomsByDay != null) {
      return;
    }
    Map<String, TreeMap<Integer, List<Integer>>> byDay = new HashMap<>();
    atoms.forEach((space, list) -> {
      TreeMap<Integer, List<Integer>> days = new TreeMap<>();
      for (int a = 0; a < list.size(); a++) {
        days.computeIfAbsent(list.get(a).day(), d -> new ArrayList<>()).add(a);
      }
      byDay.put(space, days);
    });
    TreeMap<Integer, List<Integer>> byFirst = new TreeMap<>();
    int longest = 0;
    for (int r = 0; r < rows.size(); r++) {
      byFirst.computeIfAbsent(rows.get(r).firstDay(), d -> new ArrayList<>()).add(r);
      longest = Math.max(longest, rows.get(r).days());
    }
    rowAtoms = new java.util.concurrent.ConcurrentHashMap<>();
    rowsByFirstDay = byFirst;
    longestRow = longest;
    atomsByDay = byDay;
  }
}
