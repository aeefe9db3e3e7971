// Raw-Xapian floor: reads JSON Lines, feeds title and body to one TermGenerator and
// add_document, committing every 500 documents like yalu-index's default --batch (Xapian's own
// 10,000-document buffering measured slower here). No normalisation, entities, values or ids:
// the least any Xapian indexer of this text must spend.

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: yalu-bench-floor DB FILE.jsonl...\n";
        return 64;
    }
    const auto start = std::chrono::steady_clock::now();
    Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    long n = 0;
    for (int i = 2; i < argc; ++i) {
        std::ifstream in(argv[i]);
        std::string line;
        while (std::getline(in, line)) {
            const auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_discarded()) continue;
            Xapian::Document doc;
            tg.set_document(doc);
            if (j["title"].is_string()) tg.index_text(j["title"].get<std::string>());
            if (j["body"].is_string()) tg.index_text(j["body"].get<std::string>());
            db.add_document(doc);
            if (++n % 500 == 0) db.commit();
        }
    }
    db.commit();
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "floor: documents=" << n << " seconds=" << s << "\n";
    return 0;
}
