//! Dung's grounded semantics over the attack relation: a claim is IN when
//! every attacker is OUT, OUT when some IN claim attacks it, and UNDECIDED
//! when neither can be settled (attack cycles). Iterative, linear per round.

use super::EssayView;
use crate::model::Relation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    In,
    Out,
    Undecided,
}

pub fn labels(v: &EssayView) -> Vec<Label> {
    let n = v.claims.len();
    let attackers: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            v.into_of(i, &[Relation::Attacks])
                .map(|k| v.from(k))
                .collect()
        })
        .collect();
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
        let attackers: Vec<usize> = v
            .into_of(current, &[Relation::Attacks])
            .map(|k| v.from(k))
            .collect();
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
