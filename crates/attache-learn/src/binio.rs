use crate::ModelError;
use std::io::{Read, Write};

/// Writes the plain parts of a model file (counts, strings) in little-endian order.
pub struct ModelWriter<W: Write> {
    out: W,
}

impl ModelWriter<std::io::BufWriter<std::fs::File>> {
    /// Creates (or replaces) the model file at `path`.
    pub fn create(path: &std::path::Path) -> Result<Self, ModelError> {
        Ok(ModelWriter::new(std::io::BufWriter::new(std::fs::File::create(path)?)))
    }
}

impl<W: Write> ModelWriter<W> {
    /// Writes out anything buffered; call once the model is complete.
    pub fn finish(mut self) -> Result<(), ModelError> {
        Ok(self.out.flush()?)
    }

    /// Wraps a writer.
    pub fn new(out: W) -> ModelWriter<W> {
        ModelWriter { out }
    }

    /// Writes raw bytes, such as a file's magic header.
    pub fn bytes(&mut self, bytes: &[u8]) -> Result<(), ModelError> {
        Ok(self.out.write_all(bytes)?)
    }

    /// Writes a count or small number.
    pub fn u32(&mut self, value: u32) -> Result<(), ModelError> {
        self.bytes(&value.to_le_bytes())
    }

    /// Writes a 64-bit number, such as a feature key.
    pub fn u64(&mut self, value: u64) -> Result<(), ModelError> {
        self.bytes(&value.to_le_bytes())
    }

    /// Writes a length-prefixed UTF-8 string.
    pub fn str(&mut self, value: &str) -> Result<(), ModelError> {
        self.u32(value.len() as u32)?;
        self.bytes(value.as_bytes())
    }

    /// The underlying writer, for sections with their own format.
    pub fn inner(&mut self) -> &mut W {
        &mut self.out
    }
}

/// Reads what [`ModelWriter`] wrote, with checks that turn corruption into errors.
pub struct ModelReader<R: Read> {
    input: R,
}

impl<R: Read> ModelReader<R> {
    /// Wraps a reader.
    pub fn new(input: R) -> ModelReader<R> {
        ModelReader { input }
    }

    /// Checks the file's magic header.
    pub fn expect(&mut self, magic: &[u8], what: &'static str) -> Result<(), ModelError> {
        let mut found = vec![0u8; magic.len()];
        self.input.read_exact(&mut found)?;
        if found != magic {
            return Err(ModelError::BadHeader { expected: what });
        }
        Ok(())
    }

    /// Reads a number.
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        let mut bytes = [0u8; 4];
        self.input.read_exact(&mut bytes)?;
        Ok(u32::from_le_bytes(bytes))
    }

    /// Reads a 64-bit number.
    pub fn u64(&mut self) -> Result<u64, ModelError> {
        let mut bytes = [0u8; 8];
        self.input.read_exact(&mut bytes)?;
        Ok(u64::from_le_bytes(bytes))
    }

    /// Reads a count, refusing sizes no model of ours has.
    pub fn count(&mut self) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n > 1 << 28 {
            return Err(ModelError::Corrupt(format!("implausible count {n}")));
        }
        Ok(n)
    }

    /// Reads a string.
    pub fn str(&mut self) -> Result<String, ModelError> {
        let len = self.count()?;
        let mut bytes = vec![0u8; len];
        self.input.read_exact(&mut bytes)?;
        String::from_utf8(bytes).map_err(|_| ModelError::Corrupt("a string is not UTF-8".into()))
    }

    /// The underlying reader, for sections with their own format.
    pub fn inner(&mut self) -> &mut R {
        &mut self.input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_checks_magic() {
        let mut w = ModelWriter::new(Vec::new());
        w.bytes(b"MAGIC").unwrap();
        w.u32(7).unwrap();
        w.u64(1 << 40).unwrap();
        w.str("café").unwrap();
        let bytes = w.inner().clone();
        let mut r = ModelReader::new(bytes.as_slice());
        r.expect(b"MAGIC", "test").unwrap();
        assert_eq!(r.u32().unwrap(), 7);
        assert_eq!(r.u64().unwrap(), 1 << 40);
        assert_eq!(r.str().unwrap(), "café");
        assert!(ModelReader::new(&b"OTHER"[..]).expect(b"MAGIC", "test").is_err());
    }
}
