#pragma once
// EntityAlias: one surface form of an entity as written in the gazetteer.

#include <string_view>

namespace yalu {

/// One name under which an entity is mentioned (the entity's own name is an alias too). Its
/// texts are views into the Gazetteer that holds it: valid while that Gazetteer (or a copy) lives.
struct EntityAlias {
    std::string_view text;    ///< the alias as written in the gazetteer (NFC UTF-8)
    bool exact_case = false;  ///< match case-sensitively (case="exact", or no lower-case letter)
    bool ambiguous = false;   ///< shared with other entities; resolved by context
    bool is_default = false;  ///< the winner for an ambiguous alias when context does not decide
    int line = 0;             ///< 1-based line in the gazetteer file
    std::string_view folded_key;  ///< EntityTokenizer::folded_key(text), set by the gazetteer
    std::string_view exact_key;   ///< EntityTokenizer::exact_key(text), set by the gazetteer
    /// An exact-case acronym whose index word another entity's alias writes in lower case
    /// (UN: the Un of Kim Jong Un), which the case-folded index cannot tell apart; set by the
    /// gazetteer.
    bool spells_a_name_word = false;
    /// A mention only right before a place's name (<alias before="place">: bare 경기 is
    /// Gyeonggi in "경기 성남시", the economy or a game elsewhere).
    bool before_place = false;
    /// A mention only in an article that also names one of its entity's <context> entities
    /// (<alias context="required">: 김영훈 is the labor minister beside 고용노동부, a lawyer or a
    /// professor elsewhere).
    bool context_required = false;
};

}  // namespace yalu
