//! Helpers shared by the `openrtb_*` tests and the benches: the corpus and a comparison of
//! JSON meaning.

use std::path::{Path, PathBuf};

use serde_json::{Number, Value};

/// `tests/corpus/<name>` of the facade, this crate's parent directory.
fn facade_corpus_dir(name: &str) -> PathBuf {
    let facade = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("test-support sits inside the facade's directory");
    facade.join("tests/corpus").join(name)
}

/// `tests/corpus/openrtb`: real bid responses.
pub fn corpus_dir() -> PathBuf {
    facade_corpus_dir("openrtb")
}

/// `tests/corpus/openrtb-requests`: real bid requests.
pub fn request_corpus_dir() -> PathBuf {
    facade_corpus_dir("openrtb-requests")
}

/// Every bid response of the corpus as (file name, text), sorted by name.
pub fn corpus() -> Vec<(String, String)> {
    read_json_files(&corpus_dir())
}

/// Every bid request of the corpus as (file name, text), sorted by name.
pub fn request_corpus() -> Vec<(String, String)> {
    read_json_files(&request_corpus_dir())
}

fn read_json_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            (name, text)
        })
        .collect()
}

fn numbers_equal(a: &Number, b: &Number) -> bool {
    let int = |n: &Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    match (int(a), int(b)) {
        (Some(x), Some(y)) => x == y,
        // An integer and a float, or two floats: equal as numbers (`5` and `5.0`,
        // `1.000000` and `1.0`).
        _ => a.as_f64() == b.as_f64(),
    }
}

/// `Ok` when the two documents mean the same: same members, same array order, strings
/// equal, numbers equal as numbers. `Err` names the first difference by path.
pub fn same_meaning(expected: &Value, actual: &Value) -> Result<(), String> {
    fn walk(path: &mut String, a: &Value, b: &Value) -> Result<(), String> {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) if numbers_equal(x, y) => Ok(()),
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (x, y)) in x.iter().zip(y).enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(path, x, y)?;
                    path.truncate(len);
                }
                Ok(())
            }
            (Value::Object(x), Value::Object(y)) => {
                for key in x.keys().chain(y.keys()) {
                    let len = path.len();
                    path.push_str(&format!(".{key}"));
                    match (x.get(key), y.get(key)) {
                        (Some(x), Some(y)) => walk(path, x, y)?,
                        (Some(_), None) => return Err(format!("{path}: missing in output")),
                        (None, Some(_)) => return Err(format!("{path}: not in input")),
                        (None, None) => unreachable!(),
                    }
                    path.truncate(len);
                }
                Ok(())
            }
            _ if a != b => Err(format!("{path}: input {a} but output {b}")),
            _ => Ok(()),
        }
    }
    walk(&mut String::from("$"), expected, actual)
}

/// One corpus document written back: every entry point (`to_pooled_json`, `to_vec`,
/// `to_string`, `write_to_vec` after a prefix, `to_writer`) must write serde_json's bytes
/// for `model`, and those bytes must mean the same as `input`, the text it was read from.
/// Returns serde_json's output, for the caller's model-specific checks.
///
/// # Errors
///
/// What differs, for the caller to collect with the document's name.
pub fn written_back<T>(input: &str, model: &T) -> Result<String, String>
where
    T: serde::Serialize + pooled_serialize::PooledSerialize,
{
    let out = serde_json::to_string(model).unwrap();
    let pooled = pooled_serialize::to_pooled_json(model).unwrap();
    if pooled.as_str() != out {
        return Err(format!(
            "pooled output differs from serde_json\nserde:  {out}\npooled: {}",
            pooled.as_str()
        ));
    }
    drop(pooled);
    assert_eq!(pooled_serialize::to_vec(model).unwrap(), out.as_bytes());
    assert_eq!(pooled_serialize::to_string(model).unwrap(), out);
    let mut buf = b"prefix".to_vec();
    pooled_serialize::write_to_vec(model, &mut buf).unwrap();
    assert_eq!(&buf[6..], out.as_bytes());
    let mut sink = Vec::new();
    pooled_serialize::to_writer(&mut sink, model).unwrap();
    assert_eq!(sink, out.as_bytes());
    let input: Value = serde_json::from_str(input).unwrap();
    let output: Value = serde_json::from_str(&out).unwrap();
    same_meaning(&input, &output)?;
    Ok(out)
}
