type Tree = Record<string, unknown>;

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Merges the shell's and the modules' message trees; a key two of them define is a bug, and throws. */
export function mergeMessages(trees: Tree[]): Tree {
  const merged: Tree = {};
  const walk = (target: Tree, source: Tree, path: string) => {
    for (const [key, value] of Object.entries(source)) {
      const at = path ? `${path}.${key}` : key;
      if (isTree(value)) {
        if (target[key] !== undefined && !isTree(target[key])) throw new Error(`UI message ${at} is defined twice`);
        const branch = (target[key] as Tree | undefined) ?? {};
        target[key] = branch;
        walk(branch, value, at);
      } else {
        if (target[key] !== undefined) throw new Error(`UI message ${at} is defined twice`);
        target[key] = value;
      }
    }
  };
  for (const tree of trees) walk(merged, tree, '');
  return merged;
}
