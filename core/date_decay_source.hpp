#pragma once
// DateDecaySource: a Xapian posting source that adds a recency weight to dated documents.

#include <xapian.h>

namespace yalu {

/// Weight = boost * 2^(-age / half_life), age in days between a document's date (value slot,
/// "YYYYMMDD") and a reference day. Combined with OP_AND_MAYBE it adds to the text score, so
/// recency reorders matches without matching anything by itself. Local databases only.
class DateDecaySource : public Xapian::ValuePostingSource {
public:
    /// `reference_days` is the reference day as days since 1970-01-01.
    DateDecaySource(Xapian::valueno value_slot, long reference_days, double half_life_days,
                    double boost);

    /// The decayed weight of the current document.
    [[nodiscard]] double get_weight() const override;
    /// A copy for Xapian's matcher.
    [[nodiscard]] DateDecaySource* clone() const override;
    /// Sets the bound Xapian uses to skip: a document can gain at most `boost`.
    void init(const Xapian::Database& database) override;

private:
    long reference_days_;
    double half_life_days_;
    double boost_;
};

}  // namespace yalu
