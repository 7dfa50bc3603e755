//! Key terms of each claim: jieba TF-IDF keywords with Chinese stop words removed.

use crate::model::{Claim, ClaimTerm};
use crate::nlp;

/// Key terms kept per claim.
pub const TERMS_PER_CLAIM: usize = 5;

pub fn extract(claims: &[Claim]) -> Vec<ClaimTerm> {
    claims
        .iter()
        .flat_map(|c| {
            nlp::keywords(&c.text, TERMS_PER_CLAIM)
                .into_iter()
                .map(|(term, weight)| ClaimTerm {
                    claim: c.id.clone(),
                    term,
                    weight,
                })
        })
        .collect()
}
