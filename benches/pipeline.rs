//! Function benchmarks of the pipeline's stages on the seed essays:
//! `cargo bench`. Whole-command figures come from bench/run.py.

use argraph::text::Document;

fn main() {
    // Build jieba and the lexicons before timing anything.
    let _ = argraph::ingest::analyze(&seed());
    divan::main();
}

fn seed() -> Document {
    let bytes = std::fs::read("seeds/metaverse-industrial-internet.txt")
        .expect("run from the repository root");
    Document::from_bytes("seed.txt", &bytes).unwrap()
}

#[divan::bench]
fn decode(b: divan::Bencher) {
    let bytes = std::fs::read("seeds/metaverse-industrial-internet.txt").unwrap();
    b.counter(divan::counter::BytesCount::of_slice(&bytes))
        .bench(|| Document::from_bytes("seed.txt", divan::black_box(&bytes)).unwrap());
}

#[divan::bench]
fn text_stage(b: divan::Bencher) {
    let doc = seed();
    b.counter(divan::counter::BytesCount::of_str(&doc.text))
        .bench(|| divan::black_box(&doc).layout());
}

#[divan::bench]
fn extraction(b: divan::Bencher) {
    let doc = seed();
    let layout = doc.layout();
    b.counter(divan::counter::BytesCount::of_str(&doc.text))
        .bench(|| argraph::extract::extract(divan::black_box(&doc), &layout));
}

#[divan::bench]
fn jieba_cut_floor(b: divan::Bencher) {
    let doc = seed();
    b.counter(divan::counter::BytesCount::of_str(&doc.text))
        .bench(|| argraph::nlp::words(divan::black_box(&doc.text)).len());
}
