-- Version 13: the search index holds a run of full-width letters and
-- digits as one ASCII word (２０１９ → 2019, ＧＤＰ → gdp), as it holds an
-- ASCII run, so `search 2019` finds ２０１９年 and `search ２０１９` finds
-- 2019年. The claims that hold such characters are indexed again by the
-- migration's Rust step (store::write::narrow_search_words); the schema
-- itself does not change.
SELECT 1;
