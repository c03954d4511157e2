#!/usr/bin/env python3
"""gen_people.py N OUT [ORG] - a sheet of N valid people as an office keeps it:
the Chinese headers, distinct GB 11643 ID numbers (region 421002, birth dates
1950-2005, the check digit computed), distinct phones, 性别 agreeing with the
ID, a birth date, an address, skills, and with ORG the 所属组织 column (each
row becomes a volunteer at applied). UTF-8 with a BOM and CRLF, as Excel
saves "CSV UTF-8"."""
import sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"


def idnum(y, m, d, seq):
    s = "421002%04d%02d%02d%03d" % (y, m, d, seq)
    return s + C[sum(int(a) * w for a, w in zip(s, W)) % 11]


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    org = sys.argv[3] if len(sys.argv) > 3 else None
    head = ["姓名", "身份证号", "手机号", "性别", "出生日期", "住址", "技能/特长"] + (["所属组织"] if org else [])
    lines = [",".join(head)]
    skills = ["急救、驾驶", "心理疏导", "助老、陪诊", "", "法律咨询"]
    for i in range(n):
        # a distinct (birth date, sequence) per row: 56 years x 365 days x 1000 sequences
        day, seq = divmod(i, 999)
        y = 1950 + (day // 336) % 56
        m = 1 + (day // 28) % 12
        d = 1 + day % 28
        seq += 1
        male = seq % 2 == 1
        row = ["志愿者%d" % i, idnum(y, m, d, seq), "139%08d" % i, "男" if male else "女",
               "%04d-%02d-%02d" % (y, m, d), "荆州市沙市区%d号" % (i % 500), skills[i % len(skills)]]
        if org:
            row.append(org)
        lines.append(",".join(row))
    with open(out, "wb") as f:
        f.write(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))


main()
