//! Dung's grounded semantics over the attack relation: a claim is IN when
//! every attacker is OUT, OUT when some IN claim attacks it, and UNDECIDED
//! when neither can be settled (attack cycles). Iterative, linear per round.
//!
//! The conceded half of the author's own sentence (虽然 A，但是 B: A attacks
//! B) does not defeat its main half: conceding it is the author's move, and
//! the sentence goes on to override it.

use super::EssayView;
use crate::model::Relation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    In,
    Out,
    Undecided,
}

/// Rules of the edges from a sentence's conceded half to its main half.
const OWN_CONCESSIONS: &[&str] = &["paired:concession", "leading:concession"];

/// Is edge `k` a view the essay reports, attached to the later claim that
/// answers it (有人认为 X。而我认为 Y)? The answer is the author's reply, so
/// the view does not defeat it. A view raised after the claim it attacks,
/// with nothing answering it, still does. `structure.rs` makes a
/// structural attack (`structure:*`) only from a reported view or a view
/// the next sentence rejects, always towards what answers it; its
/// `structure:rejection` edges run the other way, from the rejecting
/// sentence, and are left out here.
fn answered_by_its_target(v: &EssayView, k: usize) -> bool {
    let e = &v.edges[k];
    let answered_view =
        crate::extract::structure::role_of_rule(&e.rule).is_some_and(|role| role != "rejection");
    answered_view && v.claims[v.from(k)].ord < v.claims[v.to(k)].ord
}

/// The claims that attack claim `i` and can defeat it.
fn attackers_of(v: &EssayView, i: usize) -> impl Iterator<Item = usize> + '_ {
    v.into_of(i, &[Relation::Attacks])
        .filter(|&k| {
            !OWN_CONCESSIONS.contains(&v.edges[k].rule.as_str()) && !answered_by_its_target(v, k)
        })
        .map(|k| v.from(k))
}

pub fn labels(v: &EssayView) -> Vec<Label> {
    let n = v.claims.len();
    let attackers: Vec<Vec<usize>> = (0..n).map(|i| attackers_of(v, i).collect()).collect();
    let mut label = vec![Label::Undecided; n];
    loop {
        let mut changed = false;
        for i in 0..n {
            if label[i] != Label::Undecided {
                continue;
            }
            if attackers[i].iter().all(|&a| label[a] == Label::Out) {
                label[i] = Label::In;
                changed = true;
            } else if attackers[i].iter().any(|&a| label[a] == Label::In) {
                label[i] = Label::Out;
                changed = true;
            }
        }
        if !changed {
            return label;
        }
    }
}

/// Why a claim is not IN: the chain of attackers that defeats it, each IN
/// claim attacking the next (for OUT), or the attack cycle it sits on
/// (for UNDECIDED). Claim indices, starting with the claim itself.
pub fn defeat_chain(v: &EssayView, labels: &[Label], claim: usize) -> Vec<usize> {
    let mut chain = vec![claim];
    let mut current = claim;
    while chain.len() <= v.claims.len() {
        let attackers: Vec<usize> = attackers_of(v, current).collect();
        let next = match labels[current] {
            Label::Out => attackers.iter().copied().find(|&a| labels[a] == Label::In),
            Label::Undecided => attackers
                .iter()
                .copied()
                .find(|&a| labels[a] == Label::Undecided),
            Label::In => None,
        };
        match next {
            Some(a) if !chain.contains(&a) => {
                chain.push(a);
                current = a;
            }
            Some(a) => {
                chain.push(a);
                break;
            }
            None => break,
        }
    }
    chain
}
