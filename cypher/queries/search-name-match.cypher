// Included by the three search queries (`// @include search-name-match.cypher`, expanded by
// search.service.ts): how well a result's names match the words searched, so that what was typed
// outranks what Lucene found by forgiving a typo. Takes `names` (the result's names, each a string
// of words: a client's "given family", "preferred family" and aliases) and `extraWords` (words the
// result matched other than by name: an agency's kind or a place it serves) and $matchTerms (the
// searched words, folded as search terms are, apostrophes removed); returns `match`:
//   0  the words are a whole name, in any order ("Harry Burke", "Burke Harry")
//   1  every word is a whole word of a name
//   2  every word is a whole word or the start of one (as you type, initials: "H Burke")
//   3  anything else: a similar spelling, or only some of the words
// Names are folded like the search terms (lower case, accents removed, $folds for the letters
// Unicode does not decompose), ASCII names taking the short path.
CALL (names, extraWords) {
  WITH [v IN names WHERE v IS NOT NULL AND trim(v) <> '' |
      [w IN apoc.text.split(
          CASE WHEN v =~ '[ -~]*' THEN toLower(v)
            ELSE reduce(s = apoc.text.regreplace(normalize(toLower(v), NFKD), '\\p{M}+', ''),
              f IN $folds | replace(s, f[0], f[1])) END,
          "[^\\p{L}\\p{N}']+") WHERE w <> '' | replace(w, "'", '')]] AS variants
  WITH variants, apoc.coll.flatten(variants) + extraWords AS words
  RETURN CASE
      WHEN size($matchTerms) = 0 THEN 3
      WHEN all(t IN $matchTerms WHERE t IN words) THEN CASE
          WHEN any(v IN variants WHERE size(v) = size($matchTerms)
            AND all(w IN v WHERE w IN $matchTerms)) THEN 0
          ELSE 1 END
      WHEN all(t IN $matchTerms WHERE any(w IN words WHERE w STARTS WITH t)) THEN 2
      ELSE 3 END AS match
}
