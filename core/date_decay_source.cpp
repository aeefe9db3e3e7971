#include "date_decay_source.hpp"

#include "date.hpp"

#include <cmath>

namespace yalu {

DateDecaySource::DateDecaySource(Xapian::valueno value_slot, long reference_days,
                                 double half_life_days, double boost)
    : Xapian::ValuePostingSource(value_slot),
      reference_days_(reference_days),
      half_life_days_(half_life_days),
      boost_(boost) {}

void DateDecaySource::init(const Xapian::Database& database) {
    Xapian::ValuePostingSource::init(database);
    set_maxweight(boost_);
}

double DateDecaySource::get_weight() const {
    const std::string v = get_value();
    if (v.size() != 8) return 0;
    const Date d{std::stoi(v.substr(0, 4)), std::stoi(v.substr(4, 2)), std::stoi(v.substr(6, 2))};
    // Articles newer than the reference (clock skew, future-dated) get the full boost.
    const double age = std::max(0L, reference_days_ - d.days_since_epoch());
    return boost_ * std::exp2(-age / half_life_days_);
}

DateDecaySource* DateDecaySource::clone() const {
    return new DateDecaySource(get_slot(), reference_days_, half_life_days_, boost_);
}

}  // namespace yalu
