//! A keyed list: rows that stay in the list keep their DOM and state; new
//! ones are built, gone ones disposed, and nodes move only when out of
//! place. Lists here are at most a few hundred rows (long ones are
//! windowed), so keys are matched by a linear search, not a hash table.

use crate::reactive::*;
use web_sys::{Element, Node};

use super::El;

struct Row {
    key: String,
    node: Element,
    owner: Owner,
}

impl El {
    /// Children from `items`, one per key, each built by `row` under its
    /// own owner: a row's effects live exactly as long as the row.
    pub fn keyed<T: 'static>(
        self,
        items: impl Fn() -> Vec<T> + 'static,
        key: fn(&T) -> String,
        row: impl Fn(T) -> El + 'static,
    ) -> Self {
        let parent: Node = self.node().clone().into();
        // Rows belong to the list's owner, not to the effect that builds
        // them, which would dispose every row on each run.
        let owner = Owner::current().unwrap_or_default();
        let mut rows: Vec<Row> = Vec::new();
        watch_boxed(Box::new(move || {
            let items = items();
            let mut next = Vec::with_capacity(items.len());
            untrack(|| {
                for item in items {
                    let k = key(&item);
                    match rows.iter().position(|r| r.key == k) {
                        Some(i) => next.push(rows.swap_remove(i)),
                        None => {
                            let child = owner.child();
                            let node = child.with(|| row(item)).into_node();
                            next.push(Row { key: k, node, owner: child });
                        }
                    }
                }
            });
            for gone in rows.drain(..) {
                gone.owner.cleanup();
                gone.node.remove();
            }
            let mut after: Option<Node> = None;
            for r in next.iter().rev() {
                let node: &Node = r.node.as_ref();
                if node.next_sibling() != after || node.parent_node().as_ref() != Some(&parent) {
                    let _ = parent.insert_before(node, after.as_ref());
                }
                after = Some(node.clone());
            }
            rows = next;
        }));
        self
    }
}
