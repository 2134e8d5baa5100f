//! A compiled query, typed: the FTS5 MATCH expression (with whether it holds
//! a prefix), the index terms it asks for, the SQL condition over the
//! `articles a` row (none when the query has only words), the values bound to
//! both, and how it may be counted. Built by `compile`; read by every search
//! path, which get their FROM/WHERE here, and by the reader's highlighter,
//! which marks the words the same terms match.

use rusqlite::types::Value;

/// An index term the query asks for outside any negation (what an article
/// must hold for the words to match): a word's form, one of its stem tokens,
/// or a phrase's word. `prefix`: every index term starting with `term` matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MatchTerm {
    pub term: String,
    pub prefix: bool,
}

/// A compiled query. `params[0]` is bound to `?1`, the MATCH expression (NULL when there is none).
#[derive(Debug, Clone)]
pub struct Plan {
    pub fts: Option<String>,
    /// The MATCH expression holds a prefix term (`"term" *`), which FTS5
    /// expands to every term it covers each time it looks a row up.
    pub prefix: bool,
    /// The index terms the query's words ask for, in its MATCH expression or in
    /// its conditions, less those under NOT (or in `note:`): what the reader
    /// highlights.
    pub terms: Vec<MatchTerm>,
    /// The words searched in all their forms, as typed (normalised), outside
    /// any negation: a ranked page puts the articles holding more of them as
    /// typed first.
    pub exact_forms: Vec<String>,
    /// SQL condition over `a`; `None` when the query has no conditions besides the MATCH.
    pub filter: Option<String>,
    pub params: Vec<Value>,
    /// The query has no words and its filter reads only `a.source`,
    /// `a.language` and the first 10 characters of `a.published_at`: its counts
    /// can come from `article_counts_view` instead of the articles.
    pub counts_only: bool,
    /// `filter` (the conditions besides the MATCH) reads only what
    /// `counts_only` allows, so it also runs over kept counts of matches.
    pub filter_on_counts: bool,
}

impl Plan {
    /// The filter as a SQL condition (`1`, always true, when there is none).
    pub fn filter_sql(&self) -> &str {
        self.filter.as_deref().unwrap_or("1")
    }

    /// The matching articles, for the store to change (tag, untag).
    pub fn articles_where(&self) -> crate::store::tags::ArticlesWhere {
        crate::store::tags::ArticlesWhere {
            from_where: self.from_where(),
            params: self.params.clone(),
        }
    }

    /// `FROM … WHERE …` selecting the matching articles as `a` (and `articles_fts` when ranked).
    pub fn from_where(&self) -> String {
        match self.fts {
            Some(_) => format!(
                "articles_fts JOIN articles a ON a.id = articles_fts.rowid \
                 WHERE articles_fts MATCH ?1 AND ({})",
                self.filter_sql()
            ),
            None => format!("articles a WHERE ?1 IS NULL AND ({})", self.filter_sql()),
        }
    }

    /// [`Plan::from_where`] for work that needs of each match only the columns
    /// in the narrow index `articles_search_cover` (id, source, language,
    /// published_at): ranked queries read those from the index instead of the
    /// wide rows. Without words SQLite picks its own index (by date, for a
    /// sorted page).
    pub(crate) fn narrow_from_where(&self) -> String {
        match self.fts {
            Some(_) => format!(
                "articles_fts JOIN articles a INDEXED BY articles_search_cover \
                 ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?1 AND ({})",
                self.filter_sql()
            ),
            None => format!(
                "articles a INDEXED BY articles_search_cover WHERE ?1 IS NULL AND ({})",
                self.filter_sql()
            ),
        }
    }

    /// `params` with `extra` bound after them, and its number (`?k`).
    pub(crate) fn params_with(&self, extra: Value) -> (Vec<Value>, usize) {
        let mut p = self.params.clone();
        p.push(extra);
        let n = p.len();
        (p, n)
    }

    /// The parameters of a ranked statement and the number of the one holding
    /// the typed forms ([`Plan::exact_forms`], space-separated: analysed
    /// terms hold no space), `None` when the query types none.
    pub(crate) fn ranking_params(&self) -> (Vec<Value>, Option<usize>) {
        if self.exact_forms.is_empty() {
            return (self.params.clone(), None);
        }
        let (params, k) = self.params_with(Value::Text(self.exact_forms.join(" ")));
        (params, Some(k))
    }

    /// What a kept ranking of this plan's matches is stored under: the MATCH
    /// expression and the typed forms, both of which order it.
    pub fn kept_key(&self) -> Option<String> {
        let fts = self.fts.as_deref()?;
        Some(match self.exact_forms.is_empty() {
            true => fts.to_owned(),
            false => format!("{fts}\u{1}{}", self.exact_forms.join(" ")),
        })
    }
}
