from pipeline.sentences import split_sentences


def _parts(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_a_point_between_digits_is_no_sentence_end():
    text = "Thieves took Rs 4.2 crore and $1.5 million. Version 2.7.19 fixes it! Done"
    assert _parts(text) == ["Thieves took Rs 4.2 crore and $1.5 million.",
                            "Version 2.7.19 fixes it!", "Done"]


def test_sentences_end_at_points_newlines_and_closing_quotes():
    text = 'He said "it was 3." Then left.\nNew line'
    assert _parts(text) == ['He said "it was 3."', "Then left.", "New line"]
