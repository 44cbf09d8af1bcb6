// The client name index also holds the council code, so a search with an area filter asks Lucene
// for the names *in those areas* (`+councilCode:(...)`) instead of taking the best names
// everywhere and keeping the local ones: at a million clients a common surname has more matches
// than a search looks at, and the local person could be cut before the area filter saw them.
DROP INDEX client_names IF EXISTS;
CREATE FULLTEXT INDEX client_names IF NOT EXISTS FOR (n:Client) ON EACH [n.givenName, n.familyName, n.preferredName, n.aliasesText, n.councilCode] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
