// Lucene indexes for the search box. `standard-folding` folds accents (Zoë -> zoe), so an
// accent-less query finds accented names. Aliases are also kept joined in `aliasesText`
// because a full-text index reads string properties.
CREATE FULLTEXT INDEX client_names IF NOT EXISTS FOR (n:Client) ON EACH [n.givenName, n.familyName, n.preferredName, n.aliasesText] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
CREATE FULLTEXT INDEX practitioner_names IF NOT EXISTS FOR (n:Practitioner) ON EACH [n.name, n.jobTitle] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
CREATE FULLTEXT INDEX agency_names IF NOT EXISTS FOR (n:Agency) ON EACH [n.name] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
