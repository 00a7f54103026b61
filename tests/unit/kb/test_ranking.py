"""The knowledge base's pure ranking: query words, fusion, vector and TF-IDF similarity, experts."""

from __future__ import annotations

import numpy as np

from calmdesk.kb import markdown, ranking
from calmdesk.kb.experts import rank_experts


def test_query_words_drop_filler_and_repeats_and_keep_codes() -> None:
    assert ranking.query_words("Hi, my washer shows E21 - E21 again! Can't drain?") == [
        "washer",
        "shows",
        "e21",
        "cant",
        "drain",
    ]
    assert ranking.query_words("the and of") == []
    assert len(ranking.query_words(" ".join(f"word{i}" for i in range(100)))) == ranking.MAX_QUERY_WORDS


def test_engine_queries_quote_every_word_so_nothing_is_syntax() -> None:
    assert ranking.fts5_query(["e21", "near", 'dr"ain']) == '"e21" OR "near" OR "drain"'
    assert ranking.tsquery(["e21", "pump&", "!x", ""]) == "e21 | pump | x"


def test_fusion_rewards_agreement_between_lists() -> None:
    fused = ranking.fuse([[1, 2, 3], [2, 4]])
    assert [item for item, _ in fused] == [2, 1, 4, 3]
    assert fused[0][1] == 1 / (ranking.RRF_K + 2) + 1 / (ranking.RRF_K + 1)
    assert ranking.fuse([[], []]) == []


def test_cosine_ranking_orders_by_closeness() -> None:
    vectors = np.array([[1, 0], [0.6, 0.8], [0, 1]], dtype=np.float32)
    query = np.array([0, 1], dtype=np.float32)
    ranked = ranking.cosine_ranking(query, [10, 20, 30], vectors, limit=2)
    assert [i for i, _ in ranked] == [30, 20]
    assert ranked[1][1] == np.float32(0.8)


def test_tfidf_similarity_prefers_the_document_sharing_rare_words() -> None:
    documents = {
        1: "washer error E21 drum full of water",
        2: "refund for the kettle",
        3: "washer delivery late",
    }
    scores = ranking.tfidf_similarity("E21 on my washer", documents)
    assert max(scores, key=lambda k: scores[k]) == 1
    assert 2 not in scores


def test_experts_rank_skills_and_similar_fixes_together() -> None:
    ranked = rank_experts({1: ["billing"], 2: ["billing", "refunds"]}, {3: [("CD-9", 0.9)], 1: []}, limit=5)
    assert [e.staff_id for e in ranked] == [2, 3, 1]
    assert ranked[1].solved == [("CD-9", 0.9)]
    assert rank_experts({4: []}, {}, limit=5) == []


def test_markdown_renders_formatting_and_drops_what_runs() -> None:
    html = markdown.render("**Bold** [ok](https://x.example) [bad](javascript:alert(1)) <b onclick=x>raw</b>")
    assert "<strong>Bold</strong>" in html
    assert 'href="https://x.example"' in html
    assert 'href="javascript' not in html and "<b " not in html and "&lt;b onclick" in html
    assert markdown.plain_text(markdown.render("# Title\n\nText")) == "Title\n\nText"
    # The page's own title is the only <h1>; article headings start one level down.
    assert (
        markdown.render("# A\n## B\n#### C\n###### D") == "<h2>A</h2>\n<h3>B</h3>\n<h4>C</h4>\n<h4>D</h4>\n"
    )
