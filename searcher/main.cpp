// yalu-search: parses options into a SearchRequest, runs the core Searcher, prints text or JSON,
// and maps the outcome to an exit code (0 found, 1 none, 2+ errors; see --help).

#include "database_layout.hpp"
#include "errors.hpp"
#include "option_value.hpp"
#include "query_splitter.hpp"
#include "result_writer.hpp"
#include "searcher.hpp"
#include "utf8.hpp"
#include "version_line.hpp"

#include <boost/program_options.hpp>

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <new>
#include <sstream>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace po = boost::program_options;

namespace {

enum Exit : int {
    kFound = 0,      // at least one result (or --show found the article)
    kNone = 1,       // no result
    kUsage = 2,      // bad option, value or query syntax
    kNoIndex = 3,    // no index at the database path
    kVersion = 4,    // a Yalu index built with another schema version (rebuild it)
    kDatabase = 5,   // the index could not be read (corrupt, I/O, a shard down, missing,
                     // empty or of another kind than its line says, or not a Yalu index)
    kConfig = 6,     // schema or thesaurus missing, or a configuration file broken
    kSoftware = 70,  // internal error (a bug)
    kOsErr = 71,     // out of memory (no bug: ask for less, or free memory): EX_OSERR
    kOutput = 74,    // the results could not be written (a full disk): EX_IOERR
};

constexpr const char* kExitHelp = R"(Exit codes:
  0  results found        1  no results          2  usage or query syntax error
  3  no index at --db     4  a Yalu index of another schema version (rebuild it)
  5  index unreadable (corrupt; a stub's shard down, missing or empty, or of another kind than
     its line says: chert naming a glass database; not a Yalu index, such as a named pipe
     or a device; an empty stub; one database two stub lines reach, by
     path, address or Xapian UUID; a stub that leads back to itself, or with a line
     Xapian reads otherwise than written: a CR LF line end, a space after the path, a
     remote line without a port; a stub, folder or file this user may not read: never
     "no index")
  6  schema or thesaurus missing, or schema, gazetteer or thesaurus broken
  70 internal error (a bug)
  71 out of memory (no bug: free memory, or ask for less: a smaller -n and --offset)
  74 the results could not be written to standard output (a full disk): never 0 or 1
     for output that is not all there
)";

constexpr const char* kSyntaxHelp = R"(Query syntax (Xapian QueryParser):
  words             any word may match; articles with all of them rank first; stemmed
                    (train finds trains); --all requires each. Without Hangul, the best
                    100 are then blended with plain Xapian's order (rank fusion)
  "Yalu River"      phrase                 a AND b, a OR b, a NOT b, (grouping), +must -mustnot
  title:word        in the headline        author:word, source:word   in byline / publication
  lang:en|ko        language               year:2022                  publication year (one)
  id:ARTICLE_ID     the article with this id (several id: clauses: any of them); brackets
                    of its own stay in it: id:report(1), from the file report(1).txt
  site:kcna.kp      articles whose URL has this host (site:n.news.naver.com: the South's press)
  date:2022   date:2022-01..2022-03   date:..2021-12-31   date:2022-01-01..   (inclusive)
  person:NAME org:NAME place:NAME entity:NAME   any alias of a gazetteer entity (repeat = AND)
  any other name:value (titel:missile) is an error naming the fields (exit 2); 10:30 is no field
  Hangul words match as syllable phrases (북한의 finds 북한, 발사한 finds 발사; the North's
  spelling too: 노동 finds 로동, 남북관계 finds 북남관계; a long compound few articles hold
  also finds its head: 전국동시조합장선거 finds 동시 조합장선거); wildcards: nucl*
  A two-syllable Korean name counts where a word begins with it: 평양 finds 평양시, not 태평양
  Plain words naming a name or a thesaurus term also find its other spellings (Kim Jong Un:
  김정은; ICBM: intercontinental ballistic missile; 큰물: 홍수, flood); --no-thesaurus: not terms
  A capitalized Korean name romanized as no article writes it is read as the archive does
  (Geomdeok: Komdok), and a compound no article writes solid as the two words articles write
  (schoolteachers: school-teachers); the output says so
  A year or a month beside it typed in the words (2019, December 2025, 2011년 12월) is
  also met by the articles dated then, which rank first among equals (x1.2); date: and
  --from/--to filter instead
  Words, "phrases" and filter clauses (date: year: lang: person: ...) keep that ranking, a
  phrase counting as one word ("Kim Jong Un" factory date:2024); AND/OR/NOT, brackets,
  title:, +/- and wildcards give QueryParser's plain ranking (a sign goes right before its
  word: missile - launch is an error, a - with nothing to apply to); a query starting with -
  follows -- so it is not read as an option: yalu-search -- '-푸틴 김정은'

The words of --sort, --format, --color and --histogram and the code of --lang are read in
any letter case, white space around them ignored (--sort Newest, --lang ' KO').
)";

// Why a filter has nothing to do beside --show, which prints one stored article.
constexpr const char* kNoFilter = "whatever its date, language or source";
// Why a search option has nothing to do beside --show, which prints one stored article.
constexpr const char* kNoMatches =
    "and searches nothing, so it has no matches to count, order or page";
// Why a query option has nothing to do beside --show.
constexpr const char* kNoQuery =
    "and runs no query, so there are no words to expand with the thesaurus or to explain";

// --sort's word (any case, white space around it: option_value) as the request's order.
yalu::SortOrder parse_sort(std::string& sort) {
    sort = yalu::option_choice("--sort", sort, {"relevance", "newest", "oldest"});
    return sort == "newest"   ? yalu::SortOrder::newest
           : sort == "oldest" ? yalu::SortOrder::oldest
                              : yalu::SortOrder::relevance;
}

// An option's number as the request's unsigned, refused below `least` or beyond 10^9.
unsigned checked(long long value, const char* option, long long least) {
    if (value < least || value > 1000000000)
        throw yalu::UsageError(std::string(option) + " must be a number from " +
                               std::to_string(least) + " to 1000000000, not " +
                               std::to_string(value));
    return static_cast<unsigned>(value);
}

// --source words as a filter clause: only letters, digits, '.', '-' and '&' make words, and a
// word starts at a letter or digit (fullwidth forms folded first, as the query's are), so
// brackets, quotes, "lang:" or a sign before a word cannot change the query around it: "-kcna"
// and "&" made QueryParser drop the field and filter on the body word "source". An operator
// word (OR, NOT) is an error saying so, not a syntax error about a clause no one typed.
std::string source_clause(const std::string& value) {
    const std::string text = yalu::utf8::is_valid(value) ? yalu::utf8::fold_width(value) : value;
    std::vector<std::string> words(1);
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80 ||
            (!words.back().empty() && (c == '.' || c == '-' || c == '&')))
            words.back() += c;
        else if (!words.back().empty())
            words.emplace_back();
    }
    if (words.back().empty()) words.pop_back();
    if (words.empty())
        throw yalu::UsageError(
            "--source needs words of a publication's name (e.g. kcna, "
            "yonhap), not '" +
            value + "'");
    std::string clause;
    for (const auto& word : words) {
        if (yalu::QuerySplitter::is_operator(word))
            throw yalu::UsageError("--source '" + value + "': " + word +
                                   " is no word of a publication's name: --source takes "
                                   "the words of one name and requires every one of them "
                                   "(repeated, every value)");
        clause += (clause.empty() ? "" : " AND ") + word;
    }
    return "source:(" + clause + ")";
}

// Whether the command line asks for JSON (--format json in any case, as the option reads it),
// for errors found before the options are parsed.
bool json_requested(int argc, char** argv) {
    const auto json = [](std::string_view value) {
        return yalu::find_choice(value, {"json"}).has_value();
    };
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if ((a.starts_with("--format=") && json(a.substr(9))) ||
            (a.starts_with("-f") && a.size() > 2 && json(a.substr(2))))
            return true;
        if ((a == "--format" || a == "-f") && i + 1 < argc && json(argv[i + 1])) return true;
    }
    return false;
}

// Keeps in `error` the errno of the first write to standard output that failed (a full disk),
// for the message at the end: the searches run after it may change errno; -1 when unknown.
void note_write_error(int& error) {
    if (error == 0 && (!std::cout || std::ferror(stdout))) error = errno != 0 ? errno : -1;
}

// How each result list is printed.
struct Output {
    bool json = false;
    yalu::TextStyle style;
    bool explain = false;
    int* write_error = nullptr;  ///< where note_write_error keeps the first failed write's errno
};

// Prints one result list; true when it holds at least one hit.
bool print(const yalu::SearchResult& result, const Output& output) {
    if (output.explain) std::cerr << result.description << "\n";
    if (output.json)
        yalu::ResultWriter::write_json(std::cout, result);
    else
        yalu::ResultWriter::write_text(std::cout, result, output.style);
    note_write_error(*output.write_error);
    return !result.hits.empty() || (result.count_only && result.total > 0);
}

// Reads one line of a --queries file into `line`, without its end: LF, CR LF and a lone CR
// (classic Mac) each end one, as yalu-index reads every format (a lone-CR file ran as one
// query of all its lines). False at the end of the input.
bool read_line(std::istream& in, std::string& line) {
    line.clear();
    bool read = false;
    for (char c; in.get(c);) {
        read = true;
        if (c == '\n') return true;
        if (c == '\r') {
            if (in.peek() == '\n') in.get();
            return true;
        }
        line += c;
    }
    return read;
}

// --queries: one query per line, every other option shared, one Searcher (loaded once) for
// all. A line whose query is malformed is reported with its line number and skipped, so one
// typo does not lose the rest of a script's batch; the exit code then says 2.
int run_batch(const yalu::Searcher& searcher, yalu::SearchRequest request, const std::string& path,
              const Output& output) {
    std::ifstream file;
    if (path != "-") {
        // Said why: a typo'd name and a folder given for a file are the usual causes.
        std::error_code ec;
        if (!std::filesystem::exists(path, ec))
            throw yalu::UsageError("cannot read --queries file '" + path +
                                   "': no such file (give a file with one query per line, "
                                   "or - for standard input)");
        if (std::filesystem::is_directory(path, ec))
            throw yalu::UsageError("cannot read --queries file '" + path +
                                   "': it is a folder (give a file with one query per line)");
        file.open(path);
        if (!file)
            throw yalu::UsageError("cannot read --queries file '" + path +
                                   "': " + std::strerror(errno));
    }
    std::istream* source = path == "-" ? &std::cin : &file;
    const std::string name = path == "-" ? "<stdin>" : path;
    // Notepad's "Unicode" and PowerShell's > write UTF-16 with a byte-order mark: read as bytes,
    // every line was NULs between letters. Such a file is decoded whole first.
    std::istringstream decoded;
    if (const auto first = source->peek(); first == 0xFF || first == 0xFE) {
        const std::string bytes{std::istreambuf_iterator<char>(*source),
                                std::istreambuf_iterator<char>()};
        decoded.str(yalu::utf8::from_utf16(bytes).value_or(bytes));
        source = &decoded;
    }
    std::istream& in = *source;
    bool found = false;
    bool bad_line = false;
    bool any = false;  // a line held a query
    std::string line;
    for (std::size_t number = 1; read_line(in, line); ++number) {
        // A byte-order mark (Notepad's UTF-8) is no part of the first query.
        if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
        // Blank: white space only, Unicode's too (an ideographic or a no-break space), which
        // would run as an "empty query".
        if (yalu::utf8::is_blank(line)) continue;
        any = true;
        request.query = line;
        try {
            const auto result = searcher.search(request);
            if (!output.json) std::cout << "== " << yalu::ResultWriter::printable(line) << "\n";
            found = print(result, output) || found;
            if (!output.json) std::cout << "\n";
        } catch (const yalu::UsageError& e) {
            bad_line = true;
            std::cerr << "yalu-search: " << name << ":" << number << ": "
                      << yalu::ResultWriter::printable(e.what()) << "\n";
            if (output.json)
                yalu::ResultWriter::write_json_error(std::cout, line, e.what());
            else  // the reader of stdout alone must see that this query was not run
                std::cout << "== " << yalu::ResultWriter::printable(line) << "\nerror (line "
                          << number << ", not run): " << yalu::ResultWriter::printable(e.what())
                          << "\n\n";
        }
    }
    if (in.bad()) throw yalu::UsageError("reading --queries file '" + name + "' failed");
    // Nothing run is no "nothing found" (exit 1): the file is empty or the wrong one.
    if (!any)
        throw yalu::UsageError("--queries file '" + name +
                               "' holds no query (it is empty or all blank lines): give one "
                               "query per line");
    return bad_line ? kUsage : found ? kFound : kNone;
}

// The run: options, search, output; its exit code, before the output is checked
// (`write_error`: note_write_error's).
int run(int argc, char** argv, int& write_error) {
    yalu::SearcherSettings where;
    yalu::SearchRequest request;
    std::vector<std::string> words;
    std::string format = "text", sort = "relevance", from, to, since, show, color = "auto";
    std::string histogram, recency, queries;
    std::vector<std::string> langs, sources;
    bool explain = false;
    bool no_thesaurus = false;
    // Read signed, then checked: program_options turns "-1" into 4294967295 for an unsigned.
    long long limit = request.limit, offset = 0, snippet = request.snippet_chars,
              facet_limit = request.facet_limit;
    const std::string snippet_help = "snippet length in characters (0: none; else at least " +
                                     std::to_string(yalu::kMinSnippetChars) + ")";
    po::options_description opts(
        "Usage: yalu-search [options] QUERY...\n\n"
        "Ranked full-text search of a Yalu index. Plain words are ranked by BM25 with articles\n"
        "holding all of them first, adjacent words as phrases, Hangul words as syllable phrases,\n"
        "known names matched by every alias (counted once: no pairs with their words) and\n"
        "thesaurus terms by their other spellings;\n"
        "a query naming no place prefers articles about Korea (x1.05, schemas/index.xml <home>),\n"
        "Korean bodies under 300 characters (photo captions) count x0.8 (<brief>), a query\n"
        "naming the New Year addresses (신년사) prefers them (x2) and finds them holding its 북한\n"
        "(<collection>), `North Korean farmers` finds KCNA's \"Korean farmers\" (<own-press>)\n"
        "(docs/SEARCH.md).\n"
        "QUERY may be empty when a filter is given (browse mode).\n\nOptions");
    opts.add_options()("help,h", "show this help and exit")(
        "version", "print the version of yalu-search and of the Xapian library, and exit")(
        "db,d", po::value(&where.db_path)->default_value(yalu::DatabaseLayout::default_path()),
        "index to search: a database or a stub file listing shards (default: $YALU_DB, else "
        "./yalu.db)")(
        "schema-dir", po::value(&where.schema_dir),
        "folder holding index.xml, entities.xml and thesaurus.xml (default: "
        "$YALU_SCHEMA_DIR when set and not empty, nothing else then; else PREFIX/share/yalu "
        "beside the installed program, else the source tree's schemas/)")(
        "no-thesaurus", po::bool_switch(&no_thesaurus),
        "search the words as typed: no thesaurus terms (ICBM stays ICBM; names still match "
        "their aliases)")("all,a", po::bool_switch(&request.all_terms),
                          "require every word (default: ranked OR); a Korean question's "
                          "framing verb (어떻게 평가했나) and the kind of answer asked for "
                          "(which countries) only weigh")(
        "from", po::value(&from), "only articles dated on or after YYYY, YYYY-MM or YYYY-MM-DD")(
        "to", po::value(&to), "only articles dated on or before YYYY, YYYY-MM or YYYY-MM-DD")(
        "since", po::value(&since), "only articles of the last 7d, 4w, 6m, 1y ... (for digests)")(
        "entity", po::value(&request.entities),
        "only articles mentioning this entity (any alias or id); repeat = AND")(
        "lang", po::value(&langs), "only articles in this language (en, ko); repeat = OR")(
        "source", po::value(&sources),
        "only articles whose publication matches these words; repeat = AND (each must match)")(
        "sort", po::value(&sort)->default_value(sort),
        "relevance, newest or oldest (a date order requires every word, as --all)")(
        "limit,n", po::value(&limit)->default_value(limit),
        "results to show (0: only count all matches, exactly; exit 0 when there are any)")(
        "offset", po::value(&offset)->default_value(0), "results to skip (paging)")(
        "format,f", po::value(&format)->default_value(format),
        "text (for people) or json (one object, for scripts)")(
        "collapse", po::bool_switch(&request.collapse),
        "show one version of each story: later versions within a day ((LEAD), (2nd LD), "
        "[속보], the same wire copy under another outlet's headline) are left out")(
        "exact", po::bool_switch(&request.exact_total),
        "count all matches exactly (default: Xapian's estimate, faster on large sets, which "
        "text output marks 'about' and JSON 'exact': false; browse mode always counts)")(
        "snippet", po::value(&snippet)->default_value(snippet), snippet_help.c_str())(
        "color", po::value(&color)->default_value(color), "highlight matches: auto, always, never")(
        "facets", po::bool_switch(&request.facets),
        "count the top people, organizations and places over ALL matches (exact)")(
        "facet-limit", po::value(&facet_limit)->default_value(facet_limit),
        "entities listed per type with --facets")("histogram", po::value(&histogram),
                                                  "count all matches per year, month or day (bar "
                                                  "chart; with --facets: top entities per period)")(
        "recency", po::value(&recency),
        "blend relevance with recency: HALF_LIFE like 90d, 12w, 6m, 1y (relevance order only; "
        "a browse, with no words, is listed newest first, every score 0; see docs/SEARCH.md)")(
        "show", po::value(&show),
        "print the article with this id in full (text or json) and exit; no QUERY, filter or "
        "other search option (only --db, --schema-dir, --format and --color)")(
        "queries", po::value(&queries),
        "run every non-blank line of this file ('-': stdin) as a query with the other options; "
        "json gives one line per query (JSON Lines). Loads the index and names once: for "
        "scripts")(
        "explain", po::bool_switch(&explain),
        "print the parsed Xapian query and the ranking's adjustments (the home, date, brief "
        "and collection factors, the blend) on stderr");
    po::options_description hidden;
    hidden.add_options()("query", po::value(&words));
    po::positional_options_description positional;
    positional.add("query", -1);
    po::options_description all;
    all.add(opts).add(hidden);
    // Errors go to stderr; with --format json also to stdout as {"error", "exit"}, so a
    // script reading stdout (| jq) gets an object, not nothing.
    const auto fail = [&](int code, const std::string& message) {
        // A message's own line breaks stay (the schema folders tried, one a line), as
        // yalu-index prints them; other control characters are still neutralised.
        std::cerr << "yalu-search: " << yalu::ResultWriter::printable(message, true) << "\n";
        if (format == "json" || json_requested(argc, argv))
            yalu::ResultWriter::write_json_failure(std::cout, message, code);
        return code;
    };

    try {
        // A word after one dash is an exclusion meant for the query, not a short option with
        // its value written against it: "-nuclear" would read as -n uclear and "-dprk" as
        // --db prk. Only a number may follow a short option directly (-n5).
        // The word after an option that takes a value, given apart (--since -5d, -n -5x), is
        // that value, which the option judges: it said "goes after --" as if -5d were a word.
        const auto takes_value = [&](std::string_view arg) {
            if (arg.size() < 2 || arg[0] != '-' || arg.find('=') != std::string_view::npos)
                return false;
            const bool is_long = arg[1] == '-';
            if (!is_long && arg.size() != 2) return false;  // -n5: its value is against it
            // Spelt in full, as the parser below takes options.
            const auto* option =
                all.find_nothrow(std::string(is_long ? arg.substr(2) : arg), false);
            return option != nullptr && option->semantic()->max_tokens() > 0;
        };
        for (int i = 1; i < argc && std::string_view(argv[i]) != "--"; ++i) {
            const std::string_view arg = argv[i];
            // An abbreviated or misspelt long option (--lim 5) is said to be one here, not the
            // value after it read as an exclusion (--lim -5x).
            if (const std::string_view name = arg.substr(0, arg.find('='));
                name.size() > 2 && name.substr(0, 2) == "--" &&
                all.find_nothrow(std::string(name.substr(2)), false) == nullptr)
                throw po::unknown_option(std::string(name));
            if (takes_value(arg)) {
                ++i;
                continue;
            }
            // -n=5, as a long option takes its value: no query word to put after --.
            if (arg.size() > 3 && arg[1] != '-' && arg[2] == '=' && takes_value(arg.substr(0, 2))) {
                const std::string name(arg.substr(0, 2)), value(arg.substr(3));
                const bool number = value.find_first_not_of("0123456789") == std::string::npos;
                throw yalu::UsageError(
                    std::string(arg) + ": a short option takes its value after a space (" + name +
                    " " + value + ")" +
                    (number ? " or, for a number, right after it (" + name + value + ")" : "") +
                    "; or write --" + all.find(name, false).long_name() + "=" + value);
            }
            if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-' &&
                arg.substr(2).find_first_not_of("0123456789") != std::string_view::npos)
                throw po::unknown_option(std::string(arg));
        }
        po::variables_map vm;
        // Options spelt in full only: program_options' default style took any prefix of one
        // (--lim for --limit), so a typo or a future option's name silently meant another.
        po::store(po::command_line_parser(argc, argv)
                      .options(all)
                      .positional(positional)
                      .style(po::command_line_style::default_style &
                             ~po::command_line_style::allow_guessing)
                      .run(),
                  vm);
        po::notify(vm);
        if (vm.count("help")) {
            std::cout
                << opts << "\n"
                << kSyntaxHelp << "\n"
                << kExitHelp
                << "\nExamples:\n"
                   "  yalu-search '\"Yalu River\"'\n"
                   "  yalu-search train --from 2022-01 --to 2022-01 --sort newest\n"
                   "  yalu-search --format json 'title:missile year:2024' | jq '.results[].id'\n"
                   "  yalu-search --format json -n 20 --queries watchlist.txt > results.jsonl\n";
            return kFound;
        }
        if (vm.count("version")) {
            std::cout << yalu::version_line("yalu-search") << "\n";
            return kFound;
        }
        // Words of a fixed set: any case, white space around them (option_value).
        format = yalu::option_choice("--format", format, {"text", "json"});
        color = yalu::option_choice("--color", color, {"auto", "always", "never"});
        request.limit = checked(limit, "--limit", 0);
        request.offset = checked(offset, "--offset", 0);
        request.snippet_chars = checked(snippet, "--snippet", 0);
        if (request.snippet_chars > 0 && request.snippet_chars < yalu::kMinSnippetChars)
            throw yalu::UsageError("--snippet must be 0 (no snippet) or at least " +
                                   std::to_string(yalu::kMinSnippetChars) + " characters, not " +
                                   std::to_string(snippet) +
                                   ": a shorter one has no room for a marked word");
        request.facet_limit = checked(facet_limit, "--facet-limit", 1);
        if (!queries.empty() && (!words.empty() || !show.empty()))
            throw yalu::UsageError(
                "--queries takes the queries from its file: give no QUERY and no --show");
        // The query would be silently dropped: the id alone says what to print.
        if (vm.count("show") && !words.empty())
            throw yalu::UsageError(
                "--show prints the article with that id and searches nothing: give no QUERY "
                "(to search within it: 'id:ARTICLE_ID QUERY')");
        // Any other option of a search beside --show would be silently ignored as well: each
        // with why it has nothing to do there. What only shapes the output stays (--format,
        // --color).
        static constexpr std::pair<const char*, const char*> kNotWithShow[] = {
            {"from", kNoFilter},
            {"to", kNoFilter},
            {"since", kNoFilter},
            {"entity", kNoFilter},
            {"lang", kNoFilter},
            {"source", kNoFilter},
            // --show ID --facets printed the article alone, exit 0.
            {"facets", kNoMatches},
            {"facet-limit", kNoMatches},
            {"histogram", kNoMatches},
            {"collapse", kNoMatches},
            {"recency", kNoMatches},
            {"sort", kNoMatches},
            {"limit", kNoMatches},
            {"offset", kNoMatches},
            {"exact", kNoMatches},
            {"all", kNoMatches},
            {"snippet", "in full, with no snippet"},
            {"no-thesaurus", kNoQuery},
            {"explain", kNoQuery},
        };
        if (vm.count("show"))
            for (const auto& [option, why] : kNotWithShow)
                if (vm.count(option) && !vm[option].defaulted())
                    throw yalu::UsageError(std::string("--show prints the article with that id ") +
                                           why + ": give no --" + option);
        for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
        // An empty value (a script's unset variable: --from "$START") is no filter left out:
        // it filtered nothing, and the whole archive was searched.
        // So is an empty --db ("no index at ''", exit 3, as if the index were missing),
        // --schema-dir (the default folders were searched) or --queries ("empty query").
        for (const auto& [option, value, takes, unset] :
             {std::tuple<const char*, const std::string&, const char*, const char*>{
                  "from", from, "a date (YYYY, YYYY-MM or YYYY-MM-DD)", "none"},
              {"to", to, "a date (YYYY, YYYY-MM or YYYY-MM-DD)", "none"},
              {"since", since, "a span (7d, 4w, 6m, 1y)", "none"},
              {"recency", recency, "a half-life (90d, 12w, 6m, 1y)", "none"},
              {"db", where.db_path, "the index's path (a database or a stub file)",
               "$YALU_DB, else ./yalu.db"},
              {"schema-dir", where.schema_dir, "a folder holding index.xml",
               "$YALU_SCHEMA_DIR, else the installed schemas"},
              {"queries", queries, "a file of queries, one a line (- for standard input)",
               "one QUERY"}})
            if (vm.count(option) && !vm[option].defaulted())
                yalu::require_value("--" + std::string(option), value, takes, unset);
        request.sort = parse_sort(sort);
        // --show expands no words, so it needs no thesaurus (a missing one is exit 6 only for
        // searches, which --no-thesaurus mends).
        where.thesaurus = !no_thesaurus && !vm.count("show");
        if (!from.empty())
            request.dates.from =
                yalu::DatePeriod::parse_bound(from, yalu::RangeEnd::from, "--from");
        if (!to.empty())
            request.dates.to = yalu::DatePeriod::parse_bound(to, yalu::RangeEnd::to, "--to");
        std::string from_option = "--from " + from;  // the options that set the ends
        std::string to_option = "--to " + to;
        if (!since.empty()) {
            const auto recent = yalu::DatePeriod::parse_since(since, yalu::DatePeriod::today());
            if (!request.dates.from || *request.dates.from < *recent.from) {
                request.dates.from = recent.from;
                from_option = "--since " + since;
            }
            if (!request.dates.to || *recent.to < *request.dates.to) {
                request.dates.to = recent.to;
                to_option = "the end of --since " + since + " (" + recent.to->iso() + ", tomorrow)";
            }
        }
        if (request.dates.from && request.dates.to && *request.dates.from > *request.dates.to)
            throw yalu::UsageError("empty date range: " + from_option + " starts after " +
                                   to_option);
        if (vm.count("histogram")) {
            histogram = yalu::option_choice("--histogram", histogram, {"year", "month", "day"});
            request.histogram = histogram == "year"    ? yalu::Granularity::year
                                : histogram == "month" ? yalu::Granularity::month
                                                       : yalu::Granularity::day;
        }
        if (!recency.empty() && request.sort != yalu::SortOrder::relevance)
            throw yalu::UsageError("--recency blends relevance with recency, but --sort " + sort +
                                   " orders by date alone: drop one of them");
        if (!recency.empty()) {
            // A span like 90d, read as "today minus span", gives the half-life in days.
            const auto today = yalu::DatePeriod::today();
            request.recency_half_life_days = static_cast<double>(
                today.days_since_epoch() -
                yalu::DatePeriod::parse_relative(recency, today, "--recency").days_since_epoch());
        }
        for (const auto& e : request.entities)
            yalu::require_value("--entity", e,
                                "an entity's name or id (--entity DPRK, --entity 'Kim Jong Un')",
                                "no entity filter");
        std::string lang_filter;
        for (const auto& l : langs)
            lang_filter += (lang_filter.empty() ? "" : " OR ") +
                           ("lang:" + yalu::option_language("--lang", l));
        if (!lang_filter.empty()) request.filters.push_back(lang_filter);
        for (const auto& s : sources) request.filters.push_back(source_clause(s));

        // Never destroyed: the process ends right after the search, and tearing down the
        // gazetteer and name matcher (thousands of small strings) cost ~0.5 ms of a ~10 ms
        // run; the OS frees the memory and a read-only index needs no closing. Held by a
        // static pointer, so a leak checker (YALU_SANITIZE=address) sees it still reachable.
        static const yalu::Searcher* const kept = new yalu::Searcher(where);
        const yalu::Searcher& searcher = *kept;
        if (vm.count("show")) {
            yalu::require_value("--show", show, "an article id (as in a result's id: line)",
                                "a search");
            const auto article = searcher.show(show);
            // Not found is no error (exit 1), but a script reading stdout still gets an object.
            if (!article)
                return fail(kNone, "no article with id '" + show + "' in " + where.db_path);
            if (article->shards.size() > 1) {
                // Shards that disagree on an article: say which copy this is.
                std::string names;
                for (const auto& shard : article->shards)
                    names += (names.empty() ? "'" : ", '") + shard + "'";
                std::cerr << "yalu-search: note: id '" << show << "' is in "
                          << article->shards.size() << " shards (" << names
                          << "); showing the copy in '" << article->shards.front()
                          << "', the first the stub lists\n";
            }
            if (format == "json")
                yalu::ResultWriter::write_article_json(std::cout, article->article);
            else
                yalu::ResultWriter::write_article_text(std::cout, article->article);
            note_write_error(write_error);
            return kFound;
        }
        const Output output{
            format == "json",
            {color == "always" || (color == "auto" && ::isatty(STDOUT_FILENO) != 0)},
            explain,
            &write_error};
        request.explain = explain;
        if (!queries.empty()) return run_batch(searcher, request, queries, output);
        return print(searcher.search(request), output) ? kFound : kNone;
    } catch (const po::unknown_option& e) {
        // No option is a word after one dash ("-missile", "-평양"): most likely an exclusion
        // in the query, which reads as an option before "--".
        const std::string name = e.get_option_name();
        std::vector<std::string> names;
        for (const auto& option : opts.options()) names.push_back(option->long_name());
        std::string message = e.what() + yalu::option_suggestion(name, names) +
                              std::string(" (see yalu-search --help)");
        if (name.size() > 2 && name[0] == '-' && name[1] != '-')
            message +=
                "; a query word that starts with - goes after --: yalu-search -- '" + name + "'";
        return fail(kUsage, message);
    } catch (const po::error& e) {
        return fail(kUsage, e.what() + std::string(" (see yalu-search --help)"));
    } catch (const yalu::UsageError& e) {
        return fail(kUsage, e.what());
    } catch (const yalu::NoIndexError& e) {
        return fail(kNoIndex, e.what());
    } catch (const yalu::SchemaMismatchError& e) {
        return fail(kVersion, e.what());
    } catch (const yalu::DatabaseError& e) {
        return fail(kDatabase, e.what());
    } catch (const yalu::ConfigError& e) {
        return fail(kConfig, e.what());
    } catch (const std::bad_alloc&) {
        return fail(kOsErr,
                    "out of memory: the search needed more than the machine, container or unit "
                    "gave it (no bug; a search only reads the index, which is unharmed): free "
                    "memory, or ask for less and search again: a smaller -n and --offset (every "
                    "result up to --offset plus -n is ranked in memory, and each one shown is "
                    "read whole), no --collapse (it reads several times as deep); with --queries, "
                    "the queries before this one were answered");
    } catch (const std::exception& e) {
        return fail(kSoftware, "internal error: " + std::string(e.what()) + " (please report it)");
    } catch (...) {
        // Never std::terminate: a library error the core did not translate is still reported.
        return fail(kSoftware, "internal error: an unknown exception (please report it)");
    }
}

}  // namespace

int main(int argc, char** argv) {
    int write_error = 0;
    const int code = run(argc, argv, write_error);
    if (code > kNone) return code;  // an error, said on stderr (its own code says which)
    // Results a full disk cut short are no results nor "nothing found": a script must not go
    // on with an empty or half-written file. A small output fails only at this last flush.
    errno = 0;
    std::cout.flush();
    if (std::fflush(stdout) == 0 && !std::ferror(stdout) && std::cout) return code;
    const int error = write_error != 0 ? write_error : errno;
    std::cerr << "yalu-search: cannot write to standard output"
              << (error > 0 ? std::string(": ") + std::strerror(error) : std::string())
              << " (a full disk?): the results are incomplete; free the space, or write them "
                 "elsewhere\n";
    return kOutput;
}
