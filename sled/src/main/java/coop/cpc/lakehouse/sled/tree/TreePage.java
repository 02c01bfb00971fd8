package coop.cpc.lakehouse.sled.tree;

import coop.cpc.lakehouse.sled.format.Node;
import java.nio.file.Path;

/** A tree node rebuilt from its base and links, with where its base is stored (for error messages). */
record TreePage(long pid, Node node, Path file, long offset) {}
