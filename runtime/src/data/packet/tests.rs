use super::http::{self, Http, Method, Uri};
use super::*;

fn len(ty: PacketType, buf: &[u8]) -> Length {
    get_length(ty, buf, &Options::default(), &mut false)
}

#[test]
fn length_headers() {
    assert_eq!(len(PacketType::Raw, b""), Length::More);
    assert_eq!(len(PacketType::Raw, b"abc"), Length::Packet(3));
    assert_eq!(len(PacketType::Len1, b""), Length::More);
    assert_eq!(len(PacketType::Len1, b"\x03ab"), Length::Packet(4));
    assert_eq!(len(PacketType::Len2, b"\x00\x05"), Length::Packet(7));
    assert_eq!(len(PacketType::Len4, b"\xff\xff\xff\xff"), Length::Invalid);
    assert_eq!(
        len(PacketType::SunRm, b"\x80\x00\x00\x02xx"),
        Length::Packet(6)
    );
    let o = Options {
        packet_size: 3,
        ..Options::default()
    };
    assert_eq!(
        get_length(PacketType::Len1, b"\x04", &o, &mut false),
        Length::Invalid
    );
}

#[test]
fn length_formats() {
    assert_eq!(len(PacketType::Asn1, b"\x30"), Length::More);
    assert_eq!(len(PacketType::Asn1, b"\x30\x03abc"), Length::Packet(5));
    assert_eq!(
        len(PacketType::Asn1, b"\x30\x81\x80"),
        Length::Packet(3 + 128)
    );
    assert_eq!(
        len(PacketType::Asn1, b"\x30\x85\x00\x00\x00\x00\x01"),
        Length::Invalid
    );
    assert_eq!(
        len(PacketType::Tpkt, b"\x03\x00\x00\x06ab"),
        Length::Packet(6)
    );
    assert_eq!(
        len(PacketType::Tpkt, b"\x02\x00\x00\x06ab"),
        Length::Invalid
    );
    assert_eq!(len(PacketType::Tpkt, b"\x03\x00\x00\x02"), Length::Invalid);
    assert_eq!(
        len(PacketType::Cdr, b"GIOP\x01\x00\x01\x00\x02\x00\x00\x00"),
        Length::Packet(14)
    );
    assert_eq!(
        len(PacketType::Cdr, b"GIOX\x01\x00\x01\x00\x02\x00\x00\x00"),
        Length::Invalid
    );
    assert_eq!(
        len(PacketType::Fcgi, b"\x01\x01\x00\x01\x00\x02\x01\x00"),
        Length::Packet(11)
    );
    assert_eq!(len(PacketType::Line, b"ab\ncd"), Length::Packet(3));
    assert_eq!(len(PacketType::Line, b"abcd"), Length::More);
    assert_eq!(
        body(PacketType::Fcgi, b"\x01\x01\x00\x01\x00\x02\x01\x00xyz"),
        (0, 10)
    );
}

#[test]
fn http_lines() {
    let mut h = false;
    let buf = b"GET /index.html HTTP/1.1\r\n";
    let ty = PacketType::Http {
        bin: false,
        headers: false,
    };
    assert_eq!(len(ty, buf), Length::Packet(buf.len() as u64));
    match http::parse(buf, &mut h) {
        Http::Request {
            method: Method::Known(1),
            uri: Uri::AbsPath(r),
            version: (1, 1),
        } => assert_eq!(&buf[r], b"/index.html"),
        other => panic!("{other:?}"),
    }
    assert!(h);
    match http::parse(b"content-type: text/html\r\n", &mut h) {
        Http::Header { known, value, .. } => {
            assert_eq!(known.map(|k| http::HEADERS[k]), Some("Content-Type"));
            assert_eq!(value, 14..23);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(http::parse(b"\r\n", &mut h), Http::Eoh);
    assert!(!h);
    assert_eq!(http::parse(b"bad\r\n", &mut h), Http::Error);
}
