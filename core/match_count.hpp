#pragma once
// match_count: how many documents match a query, counted only as far as needed.

#include <xapian.h>

namespace yalu {

/// How many documents of `db` match `query`, counted up to `most` (unweighted: a boolean
/// pass that stops at `most`, so a phrase of common words costs little).
[[nodiscard]] inline Xapian::doccount match_count(const Xapian::Database& db,
                                                  const Xapian::Query& query,
                                                  Xapian::doccount most) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, most).size();
}

}  // namespace yalu
