//! Writes the generated benchmark corpus: `gen_corpus DIR N` writes articles 0..N as text
//! files (~5 KB each, 100 per folder) and prints the total size.

#[path = "../tests/common/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse::<u64>().ok()))
    else {
        eprintln!("usage: gen_corpus DIR N");
        std::process::exit(2);
    };
    match corpus::write_corpus(std::path::Path::new(dir), n) {
        Ok(bytes) => println!("{n} articles, {bytes} bytes of text in {dir}"),
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::exit(1);
        }
    }
}
