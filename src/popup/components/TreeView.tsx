export type Tree = { name: string; type: string; value?: string; children?: Tree[] };

/** Typed data as a readable nested list: every field with its type and value. */
export function TreeView({ tree }: { tree: Tree }) {
  return <ul className="tree" role="tree"><Node node={tree} /></ul>;
}

function Node({ node }: { node: Tree }) {
  return (
    <li role="treeitem" aria-label={node.name}>
      <span className="k">{node.name}</span> <span className="type">{node.type}</span>
      {node.children ? <ul role="group">{node.children.map((c, i) => <Node key={`${c.name}-${i}`} node={c} />)}</ul>
        : <span className="v" data-field={node.name}>{node.value}</span>}
    </li>
  );
}
