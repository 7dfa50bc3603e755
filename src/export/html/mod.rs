//! The HTML report: each essay as written with its argument highlighted,
//! its map beside it, the audit in place, and a page script that links them.
//! One self-contained file (no server, no network: the stylesheet, script
//! and SVG are inline, and a Content-Security-Policy lets only the page's
//! own script run), or a directory of such pages with an index.
//! Layout and choices: docs/formats.md.

mod data;
mod escape;
pub mod map;
mod text;

use crate::audit::{EssayAudit, EssayView, Severity};
use crate::model::{short_id, Role};
use base64::Engine;
use escape::{attr, json_script, text as esc};
use sha2::Digest;
use std::fmt::Write;

const STYLE: &str = include_str!("report.css");
/// Claims past which an essay's page draws no map: boxes for 200,000 claims
/// made a 368 MB page and took 4 GB to write, and no one reads such a map.
pub const MAP_MAX_CLAIMS: usize = 2000;
const SCRIPT: &str = include_str!("report.js");

/// One essay of the report: its graph and its audit.
pub struct EssayReport {
    pub view: EssayView,
    pub audit: EssayAudit,
}

/// How a role is named in the legend and the panel.
fn role_label(r: Role) -> &'static str {
    match r {
        Role::Introduction => "introduction 引言",
        Role::Thesis => "thesis 中心论点",
        Role::MainIdea => "main idea 分论点",
        Role::Evidence => "evidence 事实论据",
        Role::Elaboration => "elaboration 道理论据",
        Role::Conclusion => "conclusion 结论",
        Role::Other => "other 其他",
    }
}

/// The whole report in one file: with several essays, an index first and
/// one essay shown at a time (the URL fragment says which).
pub fn single(reports: &[EssayReport]) -> String {
    let mut body = String::new();
    let several = reports.len() > 1;
    if several {
        index(&mut body, reports, |r| {
            format!("#essay-{}", r.view.essay.id)
        });
    }
    for r in reports {
        essay(&mut body, r, several.then_some("#"));
    }
    if reports.is_empty() {
        body.push_str("<section id=\"index\" class=\"index\"><h1>argraph report</h1><p>No essays to show.</p></section>");
    }
    let title = match reports {
        [one] => one
            .view
            .essay
            .title
            .clone()
            .unwrap_or_else(|| one.view.path.clone()),
        _ => format!("argraph report: {} essays", reports.len()),
    };
    page(&title, &body, &data::of(reports))
}

/// The report as a directory: `index.html` listing every essay, and one
/// self-contained page per essay (`<short essay id>.html`) linking back,
/// each handed to `write` as it is made, so one page is in memory at a time.
pub fn pages<E>(
    reports: &[EssayReport],
    mut write: impl FnMut(&str, &str) -> Result<(), E>,
) -> Result<(), E> {
    let file = |r: &EssayReport| format!("{}.html", short_id(&r.view.essay.id));
    // The index last: a run cut short never leaves an index that links
    // pages it did not write.
    for r in reports {
        let mut body = String::new();
        essay(&mut body, r, Some("index.html"));
        let title = r
            .view
            .essay
            .title
            .clone()
            .unwrap_or_else(|| r.view.path.clone());
        write(
            &file(r),
            &page(&title, &body, &data::of(std::slice::from_ref(r))),
        )?;
    }
    let mut body = String::new();
    index(&mut body, reports, file);
    write(
        "index.html",
        &page(
            &format!("argraph report: {} essays", reports.len()),
            &body,
            &data::of(&[]),
        ),
    )
}

/// The stylesheet's role colours, from the one table of them.
fn role_colour_rules() -> String {
    let mut out = String::from(":root {");
    for role in crate::model::Role::ALL {
        let (fill, edge) = super::role_colours(role);
        let r = role.as_str();
        out.push_str(&format!(" --{r}: {fill}; --{r}-edge: {edge};"));
    }
    out.push_str(" }\n");
    out
}

fn page(title: &str, body: &str, data: &data::PageData) -> String {
    let hash = sha2::Sha256::digest(SCRIPT.as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(hash);
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; img-src data:\">\n\
         <meta name=\"generator\" content=\"argraph {version}\">\n<title>{title}</title>\n<style>\n{roles}{STYLE}</style>\n</head>\n<body>\n{body}\
         <script type=\"application/json\" id=\"argraph-data\">{data}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        version = env!("CARGO_PKG_VERSION"),
        roles = role_colour_rules(),
        title = esc(title),
        data = json_script(data),
    )
}

fn severity_counts(a: &EssayAudit) -> [usize; 3] {
    let mut n = [0; 3];
    for f in &a.findings {
        n[match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Note => 2,
        }] += 1;
    }
    n
}

fn index(out: &mut String, reports: &[EssayReport], link: impl Fn(&EssayReport) -> String) {
    let claims: usize = reports.iter().map(|r| r.view.claims.len()).sum();
    let _ = write!(
        out,
        "<section id=\"index\" class=\"index\">\n<h1>argraph report</h1>\n<p class=\"lede\">{} essays · {} claims</p>\n\
         <table class=\"essays\">\n<thead><tr><th>#</th><th>essay</th><th>thesis</th><th>claims</th>\
         <th title=\"claims that are examples or name people, places, numbers or dates\">evidence</th>\
         <th>findings</th><th>document</th></tr></thead>\n<tbody>\n",
        reports.len(),
        claims
    );
    for (k, r) in reports.iter().enumerate() {
        let v = &r.view;
        let major = v.major().map(|m| &v.claims[m]);
        let thesis = major.map_or("—", |c| c.text.as_str());
        // A guess is marked where the class's theses are read at a glance.
        let guess = major
            .and_then(|c| c.why.as_ref())
            .filter(|w| w.unsure_thesis())
            .map_or(String::new(), |w| {
                format!(
                    "<span class=\"guess\" title=\"{}\">?</span> ",
                    attr(&w.doubt_note().unwrap_or_default())
                )
            });
        let [e, w, n] = severity_counts(&r.audit);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td class=\"thesis\">{}{}</td><td>{}</td><td>{:.0}%</td>\
             <td>{}</td><td class=\"doc\">{}</td></tr>",
            k + 1,
            attr(&link(r)),
            esc(v.essay.title.as_deref().unwrap_or("(untitled)")),
            guess,
            esc(thesis),
            v.claims.len(),
            r.audit.summary.evidence_ratio * 100.0,
            findings_badges(e, w, n),
            esc(&v.path),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn findings_badges(e: usize, w: usize, n: usize) -> String {
    let mut s = String::new();
    for (count, class, name) in [
        (e, "error", "error"),
        (w, "warning", "warning"),
        (n, "note", "note"),
    ] {
        if count > 0 {
            let _ = write!(
                s,
                "<span class=\"sev sev-{class}\" title=\"{count} {name}{}\">{count}</span>",
                if count == 1 { "" } else { "s" }
            );
        }
    }
    if s.is_empty() {
        s.push('—');
    }
    s
}

/// One essay: the annotated text, the map and the side panel. `back` links
/// to the index when there is one.
fn essay(out: &mut String, r: &EssayReport, back: Option<&str>) {
    let v = &r.view;
    let id = attr(&v.essay.id);
    let mut flags = vec![0usize; v.claims.len()];
    for f in &r.audit.findings {
        if let Some(&i) = v.index.get(&f.claim) {
            flags[i] += 1;
        }
    }
    // An essay in traditional characters is marked so: browsers then pick
    // the traditional glyphs and punctuation placement for it.
    let traditional = crate::text::script::is_traditional(
        &v.claims.iter().map(|c| c.text.as_str()).collect::<String>(),
    );
    let lang = if traditional { " lang=\"zh-Hant\"" } else { "" };
    let _ = write!(
        out,
        "<article class=\"essay\" id=\"essay-{id}\" data-essay=\"{id}\"{lang}>\n<header class=\"essay-head\">{}<h1>{}</h1>\
         <p class=\"doc\">{} · {} claims · {} relations</p></header>\n<div class=\"panes\">\n",
        back.map(|b| format!("<a class=\"back\" href=\"{}\">← all essays</a>", attr(b)))
            .unwrap_or_default(),
        esc(v.essay.title.as_deref().unwrap_or("(untitled)")),
        esc(&v.path),
        v.claims.len(),
        v.edges.len(),
    );
    // The essay.
    out.push_str("<section class=\"pane text-pane\" aria-label=\"essay\">\n<div class=\"legend\">");
    for role in Role::ALL {
        let _ = write!(
            out,
            "<span class=\"claim role-{}\">{}</span>",
            role.as_str(),
            role_label(role)
        );
    }
    out.push_str(
        "<span class=\"key hedged\">hedged</span><span class=\"key\"><u class=\"marker\">marker</u></span>\
         <span class=\"key\"><span class=\"flag\">⚑</span> audit finding</span></div>\n<div class=\"essay-text\">\n",
    );
    out.push_str(&text::paragraphs(v, &flags));
    out.push_str("</div>\n</section>\n");
    // The map; an essay too large to draw legibly (hostile or generated
    // text: a real essay has tens of claims) says so instead of drawing
    // hundreds of megabytes of boxes.
    if v.claims.len() > MAP_MAX_CLAIMS {
        let _ = write!(
            out,
            "<section class=\"pane map-pane\" aria-label=\"argument map\">\n\
             <p class=\"map-omitted\">No map: this essay has {} claims, more than {MAP_MAX_CLAIMS} can be drawn \
             legibly here. <code>argraph export --format dot --essay {}</code> (with the <code>--db</code> this report came from) writes its graph for Graphviz.</p>\n</section>\n",
            v.claims.len(),
            attr(short_id(&v.essay.id)),
        );
    } else {
        let _ = write!(
            out,
            "<section class=\"pane map-pane\" aria-label=\"argument map\">\n<div class=\"map-tools\">\
             <button type=\"button\" data-zoom=\"in\" title=\"zoom in\">+</button>\
             <button type=\"button\" data-zoom=\"out\" title=\"zoom out\">−</button>\
             <button type=\"button\" data-zoom=\"fit\" title=\"whole map\">fit</button>\
             <span class=\"hint\">drag to pan · wheel to zoom · j/k or arrows walk the claims · Esc clears</span></div>\n\
             <div class=\"map-frame\">{}</div>\n</section>\n",
            map::svg(v, &format!("m{}", short_id(&v.essay.id)))
        );
    }
    // The side panel: the selected claim, the audit, the summary.
    out.push_str(
        "<aside class=\"pane side-pane\">\n<section class=\"claim-panel\" aria-live=\"polite\">\
         <p class=\"placeholder\">Click a claim in the essay or the map.</p></section>\n",
    );
    let [e, w, n] = severity_counts(&r.audit);
    let _ = write!(
        out,
        "<section class=\"findings\"><h2>Audit {}</h2>",
        findings_badges(e, w, n)
    );
    if r.audit.findings.is_empty() {
        out.push_str("<p class=\"none\">No findings.</p>");
    } else {
        out.push_str("<ol>");
        for f in &r.audit.findings {
            let claim_text = v
                .index
                .get(&f.claim)
                .map(|&i| v.claims[i].text.as_str())
                .unwrap_or("");
            let _ = write!(
                out,
                "<li class=\"finding sev-{sev}\" data-claim=\"{id}\"><a href=\"#claim-{id}\" data-claim=\"{id}\">\
                 <span class=\"sev sev-{sev}\">{sev}</span> <code>{rule}</code> {message}</a>\
                 <q>{claim}</q><p class=\"hint\">{hint}</p></li>",
                sev = f.severity.as_str(),
                id = attr(&f.claim),
                rule = esc(f.rule),
                message = esc(&f.message),
                claim = esc(claim_text),
                hint = esc(&f.hint),
            );
        }
        out.push_str("</ol>");
    }
    out.push_str("</section>\n");
    summary(out, r);
    out.push_str("</aside>\n</div>\n</article>\n");
}

fn summary(out: &mut String, r: &EssayReport) {
    let s = &r.audit.summary;
    let v = &r.view;
    out.push_str("<section class=\"summary\"><h2>Summary</h2><table>");
    let mut row = |k: &str, val: String| {
        let _ = write!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(k), val);
    };
    row("claims", s.claims.to_string());
    let roles: Vec<String> = Role::ALL
        .iter()
        .filter_map(|role| {
            let n = v.claims.iter().filter(|c| c.role == *role).count();
            (n > 0).then(|| {
                // The legend's words (main idea 分论点), not the identifier.
                format!(
                    "<span class=\"claim role-{}\">{}</span> {n}",
                    role.as_str(),
                    esc(role_label(*role))
                )
            })
        })
        .collect();
    row("by role", roles.join(" "));
    let rels: Vec<String> = s
        .relations
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(rel, n)| format!("<span class=\"rel rel-{rel}\">{rel}</span> {n}"))
        .collect();
    row(
        "relations",
        if rels.is_empty() {
            "—".to_owned()
        } else {
            rels.join(" ")
        },
    );
    row(
        "evidence ratio",
        format!("{:.0}%", s.evidence_ratio * 100.0),
    );
    row("hedged", format!("{:.0}%", s.hedge_ratio * 100.0));
    row("support tree depth", s.deepest_support_chain.to_string());
    row(
        "thesis and section claims accepted",
        format!("{} of {} (grounded semantics)", s.accepted_theses, s.theses),
    );
    out.push_str("</table></section>\n");
}

#[cfg(test)]
mod tests;
